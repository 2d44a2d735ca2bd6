using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace Valkka.Actors.Serialization;

/// <summary>
/// Akka's misc-message serializer (Identify, ActorIdentity, actor refs, remote-watch heartbeats)
/// under its own id, except that a PoisonPill or Kill from another node is refused: peers may
/// resolve and watch our actors, not stop them.
/// </summary>
public sealed class GatedMiscMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private readonly MiscMessageSerializer _inner = new(system);

    public override int Identifier => _inner.Identifier;
    public override string Manifest(object o) => _inner.Manifest(o);
    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var message = _inner.FromBinary(bytes, manifest);
        if (message is PoisonPill or Kill)
            throw new RefusedRemoteMessageException($"a peer sent {message.GetType().Name}: stopping actors from another node is refused");
        return message;
    }
}
