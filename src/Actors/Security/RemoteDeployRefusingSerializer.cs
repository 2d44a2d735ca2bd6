using Akka.Actor;

namespace Valkka.Actors.Security;

/// <summary>
/// Takes the place of Akka's DaemonMsgCreate serializer (same id): nobody may deploy actors on a
/// Valkka node from another node, and Valkka nodes never deploy remotely themselves.
/// </summary>
public sealed class RemoteDeployRefusingSerializer(ExtendedActorSystem system) : Akka.Serialization.Serializer(system)
{
    /// <summary>Akka.Remote's DaemonMsgCreateSerializer id: a peer's remote-deploy request arrives under it.</summary>
    public const int Id = 3;

    public override int Identifier => Id;
    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new RefusedRemoteMessageException($"remote deployment is disabled on Valkka nodes (tried to send {obj.GetType().Name})");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new RefusedRemoteMessageException("a peer asked to deploy an actor on this node: remote deployment is refused");
}
