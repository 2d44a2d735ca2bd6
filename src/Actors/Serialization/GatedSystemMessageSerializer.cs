using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;

namespace Valkka.Actors.Serialization;

/// <summary>
/// Akka's system-message serializer under its own id, accepting from other nodes only the system
/// messages of remote death watch (Watch, Unwatch, DeathWatchNotification): Akka's untrusted mode
/// would also drop those, and the framework relies on watching cameras, readers and masters across
/// nodes. Terminate, Create, Suspend and the rest are refused.
/// </summary>
public sealed class GatedSystemMessageSerializer(ExtendedActorSystem system) : Akka.Serialization.Serializer(system)
{
    private readonly SystemMessageSerializer _inner = new(system);

    public override int Identifier => _inner.Identifier;
    public override bool IncludeManifest => _inner.IncludeManifest;
    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    public override object FromBinary(byte[] bytes, Type type)
    {
        var message = _inner.FromBinary(bytes, type);
        if (message is Watch or Unwatch or DeathWatchNotification) return message;
        throw new RefusedRemoteMessageException($"a peer sent the system message {message.GetType().Name}: only remote death watch is accepted");
    }
}
