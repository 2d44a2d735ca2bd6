using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace Valkka.Actors.Security;

/// <summary>
/// Akka's misc-message serializer (Identify, ActorIdentity, actor refs, remote-watch heartbeats)
/// under its own id, except that a PoisonPill or Kill from another node is refused: peers may
/// resolve and watch our actors, not stop them.
/// </summary>
public sealed class GatedMiscMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka.Remote's MiscMessageSerializer id.</summary>
    public const int Id = 16;

    // Made on first use: a node without remoting (in-process) has none of Akka.Remote's serializer config.
    private readonly Lazy<MiscMessageSerializer> _inner = new(() => new MiscMessageSerializer(system));

    public override int Identifier => Id;
    public override string Manifest(object o) => _inner.Value.Manifest(o);
    public override byte[] ToBinary(object obj) => _inner.Value.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var message = _inner.Value.FromBinary(bytes, manifest);
        if (message is PoisonPill or Kill)
            throw new RefusedRemoteMessageException($"a peer sent {message.GetType().Name}: stopping actors from another node is refused");
        return message;
    }
}
