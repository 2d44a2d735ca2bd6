using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Media.Frames;

namespace Valkka.Bench;

/// <summary>
/// The analyzer of cross-host variants (i) and (jpeg): carries each frame it is given to a
/// <see cref="FrameReceiver"/> on another host inside an Akka.Remote message, as a framework without
/// shared memory or encoded-stream relay would: its RGB24 bytes (<c>format = rgb</c>) or a JPEG of it
/// (<c>format = jpeg</c>). Settings: <c>receiver</c> (actor path), <c>bind</c> (this host's address,
/// where acknowledgements come back), <c>window</c> (frames in flight, 4). A frame that finds the
/// window full for 2 s is not sent (the receiver's count shows it).
/// </summary>
public sealed class RemoteFrameSender : IFrameAnalyzer, IDisposable
{
    public const string RgbFormat = "rgb";
    public const string JpegFormat = "jpeg";
    private static readonly TimeSpan WindowWait = TimeSpan.FromSeconds(2);

    private readonly ActorSystem _system;
    private readonly ActorSelection _receiver;
    private readonly IActorRef _acks;
    private readonly SemaphoreSlim _window;
    private readonly bool _jpeg;
    private JpegEncoder? _encoder;

    public RemoteFrameSender(AnalyzerSettings settings)
    {
        var format = settings.GetString("format", RgbFormat);
        if (format is not (RgbFormat or JpegFormat))
            throw new AnalyzerSettingsException($"format must be {RgbFormat} or {JpegFormat}, got \"{format}\"");
        _jpeg = format == JpegFormat;
        var receiver = settings.GetString("receiver", "");
        if (receiver.Length == 0) throw new AnalyzerSettingsException("receiver (the FrameReceiver's actor path) is required");
        _window = new SemaphoreSlim(settings.GetInt("window", 4));
        _system = ActorSystem.Create(BenchAkka.SystemName, BenchAkka.LargeFrames(FrameReceiver.MaxMessageBytes, settings.GetString("bind", "127.0.0.1")));
        _receiver = _system.ActorSelection(receiver);
        var window = _window;
        _acks = _system.ActorOf(Props.Create(() => new AckActor(window)));
    }

    public static string ReceiverPath(string address, int port) => $"akka.tcp://{BenchAkka.SystemName}@{address}:{port}/user/{FrameReceiver.ActorName}";

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (!_window.Wait(WindowWait)) return null;
        byte[] message;
        if (_jpeg)
        {
            _encoder ??= new JpegEncoder(frame.Width);
            message = _encoder.Encode(frame.Pixels, frame.Width, frame.Height, frame.Stride).ToArray();
        }
        else
        {
            message = frame.Pixels[..(frame.Stride * frame.Height)].ToArray();
        }
        _receiver.Tell(message, _acks);
        return null;
    }

    public void Dispose()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(5));
        _encoder?.Dispose();
        _window.Dispose();
    }

    private sealed class AckActor : ReceiveActor
    {
        public AckActor(SemaphoreSlim window) => Receive<byte[]>(_ => window.Release());
    }
}
