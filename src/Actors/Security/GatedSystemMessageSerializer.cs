using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;

namespace Valkka.Actors.Security;

/// <summary>
/// Akka's system-message serializer under its own id, accepting from other nodes only the system
/// messages of remote death watch (Watch, Unwatch, DeathWatchNotification): Akka's untrusted mode
/// would also drop those, and the framework relies on watching cameras, readers and masters across
/// nodes. Terminate, Create, Suspend and the rest are refused.
/// </summary>
public sealed class GatedSystemMessageSerializer(ExtendedActorSystem system) : Akka.Serialization.Serializer(system)
{
    /// <summary>Akka.Remote's SystemMessageSerializer id.</summary>
    public const int Id = 22;

    // Made on first use: a node without remoting (in-process) has none of Akka.Remote's serializer config.
    private readonly Lazy<SystemMessageSerializer> _inner = new(() => new SystemMessageSerializer(system));

    public override int Identifier => Id;
    public override bool IncludeManifest => true;   // as Akka's: the manifest names the system message's type
    public override byte[] ToBinary(object obj) => _inner.Value.ToBinary(obj);

    public override object FromBinary(byte[] bytes, Type type)
    {
        var message = _inner.Value.FromBinary(bytes, type);
        if (message is Watch or Unwatch or DeathWatchNotification) return message;
        throw new RefusedRemoteMessageException($"a peer sent the system message {message.GetType().Name}: only remote death watch is accepted");
    }
}
