using Akka.Actor;
using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Actors.Cameras;

/// <summary>The default source: a <see cref="CameraDecoder"/> that reads settings.Decoder.Url itself, its packets tapped for relays.</summary>
public sealed class CameraDecoderFactory : IFrameSourceFactory
{
    public static CameraDecoderFactory Instance { get; } = new();

    public IFrameSource Create(CameraSettings settings, IFrameTarget target, IPacketTap tap, IActorContext context) =>
        new CameraDecoder(settings.Decoder, target, tap);
}
