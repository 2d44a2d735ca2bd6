using System.Runtime.Serialization;

namespace Valkka.Actors.Security;

/// <summary>A peer sent an Akka message this node never accepts from another node (remote deployment, PoisonPill, Kill, ...).</summary>
public sealed class RefusedRemoteMessageException(string message) : SerializationException(message);
