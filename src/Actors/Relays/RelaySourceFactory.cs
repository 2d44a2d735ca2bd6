using Akka.Actor;
using Valkka.Actors.Cameras;
using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Actors.Relays;

/// <summary>
/// A relay camera's source: a <see cref="RelayDecoder"/> fed by a <see cref="RelayUpstream"/> child of the
/// camera actor with the packets of the camera on another host. settings.Decoder gives the output size,
/// threads and decode level; its Url only names the relay.
/// </summary>
public sealed class RelaySourceFactory(RelaySettings relay) : IFrameSourceFactory
{
    public const string UpstreamName = Topology.ActorPaths.RelayUpstreamName;

    public RelaySettings Relay { get; } = relay;

    public IFrameSource Create(CameraSettings settings, IFrameTarget target, IPacketTap tap, IActorContext context)
    {
        var decoder = new RelayDecoder(settings.Decoder, target);
        context.ActorOf(RelayUpstream.Props(Relay, decoder), UpstreamName);
        return decoder;
    }
}
