using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Relays;
using Valkka.Actors.Stats;
using Valkka.Actors.Topology;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;
using Valkka.Shm;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Owns one decoder and the ring it decodes into. Decoding starts with the actor; stopping the
/// actor stops the decoder and unlinks the ring. Readers subscribe for a reader index of the ring
/// and get frame references under credit (latest wins); dead readers' leases are reclaimed
/// (<see cref="RingOwner"/>).
/// </summary>
public sealed class CameraActor : ReceiveActor, IWithTimers
{
    internal sealed record FrameCommitted(FrameRef Frame);
    internal sealed record RingCreated(FrameRingWriter Ring);
    internal sealed record RingFailed(string Reason);
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly CameraSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RingOwner _ring;
    private readonly CameraStatusSubscribers _status;
    private readonly FrameRate _rate = new();
    private readonly WantedRates _wanted;
    private readonly StandaloneReaderDemand _standalone;
    private readonly BehindRealTimeReport _behind;
    private RingFrameTarget? _target;
    private CameraDecoding? _decoding;
    private long _published;

    public CameraActor(CameraSettings settings)
    {
        _settings = settings;
        _ring = new RingOwner(settings.CameraId, "Camera " + settings.CameraId, settings.HostIdentity, Context, _log);
        _status = new CameraStatusSubscribers(settings.CameraId, Context, _log);
        _behind = new BehindRealTimeReport(settings.CameraId, _status, _log);
        _wanted = new WantedRates(fps => _decoding?.Decoder?.SetWantedRate(settings.FollowReaderRates ? fps : double.PositiveInfinity));
        _standalone = new StandaloneReaderDemand(settings.CameraId, _wanted, _log);
        Receive<FrameCommitted>(OnFrame);
        Receive<ReturnCredit>(m => _ring.ReturnCredit(Sender, m.Count));
        // A reader on this host that watches the ring's doorbell gets no FrameAvailable from here.
        Receive<Subscribe>(m =>
        {
            _ring.AddReader(Sender, m.ReaderId, m.Credit, streaming: true, doorbell: m.ReaderHost == _settings.HostIdentity, m.Process);
            _wanted.Set(Sender, m.WantedFps);
            ForgetRatesOfGoneReaders();
        });
        Receive<AttachReader>(m =>
        {
            _ring.AddReader(Sender, m.ReaderId, 0, streaming: false, doorbell: false, m.Process);
            if (m.WantedFps > 0) _wanted.Set(Sender, m.WantedFps);
        });
        Receive<Unsubscribe>(_ =>
        {
            _ring.RemoveReader(Sender, unwatch: !_status.Contains(Sender));
            _wanted.Remove(Sender);
        });
        Receive<Terminated>(t =>
        {
            _status.Remove(t.ActorRef);
            _ring.ReaderTerminated(t);
            ForgetRatesOfGoneReaders();
        });
        Receive<RingCreated>(m => _ring.RingCreated(m.Ring, _settings.RingName ?? ActorPaths.CameraRingName(_settings.CameraId)));
        Receive<RingFailed>(m => _decoding?.OnRingFailed(m.Reason, Timers));
        Receive<CameraDecoding.RetryRing>(_ => _decoding?.Start(Timers));
        Receive<CameraDecoding.DecoderStatus>(m => _decoding?.OnDecoderStatus(m));
        Receive<Tick>(_ => OnTick());
        Receive<GetStats>(_ => Sender.Tell(Stats()));
        Receive<GetCameraDetails>(_ => Sender.Tell(Details()));
        Receive<GetReaderCounters>(m => Sender.Tell(new ReaderCountersList(_settings.CameraId, _ring.Counters(m.ReaderId))));
        Receive<SubscribeStatus>(_ => _status.Add(Sender));
        Receive<UnsubscribeStatus>(_ => _status.Remove(Sender));
        Receive<StopDecoding>(_ =>
        {
            _decoding?.Stop();
            _status.Set(new CameraStatus(CameraState.Stopped, "stopped on request", DateTimeOffset.UtcNow));
            Sender.Tell(new DecodingStopped(_settings.CameraId, _published));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CameraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.CameraId)) throw new ArgumentException("camera id is empty", nameof(settings));
        if (settings.RingSlots < 2) throw new ArgumentException($"camera {settings.CameraId}: ring slots must be at least 2, got {settings.RingSlots}", nameof(settings));
        return Akka.Actor.Props.Create(() => new CameraActor(settings));
    }

    protected override void PreStart()
    {
        _target = new RingFrameTarget(_settings, Self);
        // Each decoder starts with the current readers' rate (none yet: the least decoding until one comes).
        // Its packets also go to the relays of other hosts that read this camera (EncodedStreamPublisher).
        var tap = new PacketTap();
        tap.Connect(Context.ActorOf(EncodedStreamPublisher.Props(_settings.CameraId, tap), EncodedStreamPublisher.Name));
        var (target, context) = (_target, Context);
        _decoding = new CameraDecoding(_settings, _target, Self, _log, _status.Set, _wanted.Serve,
            () => _settings.Source.Create(_settings, target, tap, context));
        _decoding.Start(Timers);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.LeaseCheckInterval);
        _log.Info("Camera {0}: decoding {1}", _settings.CameraId, Valkka.Media.Sources.CameraUrl.Masked(_settings.Decoder.Url));
    }

    protected override void PostStop()
    {
        _decoding?.Stop();
        _target?.DisposeRing();
        _log.Info("Camera {0}: stopped, ring unlinked", _settings.CameraId);
    }

    private void OnFrame(FrameCommitted m)
    {
        _target?.FrameHandled();
        _published++;
        _ring.Publish(m.Frame);
    }

    private void OnTick()
    {
        _ring.ExpireLeases(_settings.LeaseTimeout);
        _ring.CheckReaders();
        ForgetRatesOfGoneReaders();
        _standalone.Check(_ring.Ring);
        _rate.Update(_published);
        if (_decoding is { } decoding) _behind.Check(decoding.Counters);
    }

    /// <summary>A reader the ring owner replaced (a new incarnation) or removed no longer counts toward the rate.</summary>
    private void ForgetRatesOfGoneReaders() =>
        _wanted.RemoveWhere(reader => !reader.Equals(StandaloneReaderDemand.Key) && !_ring.IsRegistered(reader));

    private CameraStats Stats()
    {
        var c = _decoding?.Counters ?? default;
        return new CameraStats(_settings.CameraId, _status.StateName, _status.Status.Reason, c.Decoded, Dropped(), _rate.Fps,
            c.SkippedUndecoded + c.SkippedUnconverted, c.Lost, _wanted.Max, c.Read, c.DiscardedBehind, c.BehindSince, c.NativeFps, _target?.Behind ?? 0);
    }

    private CameraDetails Details()
    {
        var c = _decoding?.Counters ?? default;
        return new CameraDetails(_settings.CameraId, _status.StateName, _published, c.Decoded, Dropped(), _ring.ReaderCount,
            _ring.LeasesCleared, _ring.LeasesExpired, _ring.LeasedSlots(), _ring.Descriptor)
        {
            Read = c.Read, SkippedUndecoded = c.SkippedUndecoded, SkippedUnconverted = c.SkippedUnconverted, Lost = c.Lost, DiscardedBehind = c.DiscardedBehind, WantedFps = _wanted.Max,
            Reconnects = _status.Reconnects, DecodeSeconds = c.DecodeSeconds, OldestLeaseSeconds = _ring.Ring?.OldestLeaseAge().TotalSeconds ?? 0,
            RingRepairs = _ring.IntegrityRepairs,
        };
    }

    private long Dropped() => (_ring.Ring?.FramesDropped ?? 0) + (_target is { } t ? t.Oversized + t.Behind : 0);
}
