using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Clients;
using Valkka.Actors.Node;
using Valkka.Media.Frames;
using Valkka.Shm;

namespace Valkka.Actors.LiveView;

/// <summary>
/// A client whose analysis is a JPEG: it subscribes to its cameras like any client (at the low rate
/// its settings' Fps ask for, so a camera decodes no more for it), scales each frame it gets down to
/// Width pixels, encodes it with libavcodec's mjpeg encoder and hands it to the sink. Stop the actor
/// and it unsubscribes: nothing is read or encoded while nobody watches.
/// </summary>
public sealed class PictureReaderActor : ClientActor
{
    private readonly JpegEncoder _encoder;
    private readonly IPictureSink _sink;

    public PictureReaderActor(ClientSettings settings, int width, IPictureSink sink) : base(settings, null)
    {
        _encoder = new JpegEncoder(width);
        _sink = sink;
    }

    public static Props Props(ClientSettings settings, int width, IPictureSink sink) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new PictureReaderActor(settings, width, sink)));

    protected override IAnalysisResult? AnalyzeFrame(in FrameView frame)
    {
        if (frame.Format != PixelFormat.Rgb24) return null;
        var jpeg = _encoder.Encode(frame.Pixels, frame.Width, frame.Height, frame.Stride);
        _sink.Publish(new LivePicture(frame.CameraId, frame.Sequence, frame.TimestampMs, frame.Width, frame.Height,
            _encoder.OutputWidth, _encoder.OutputHeight, jpeg.ToArray()));
        return null;
    }

    protected override void PostStop()
    {
        base.PostStop();
        _encoder.Dispose();
    }
}
