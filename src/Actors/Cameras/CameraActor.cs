using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Media;
using Valkka.Shm;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Owns one decoder and the ring it decodes into. Decoding starts with the actor; stopping the
/// actor stops the decoder and unlinks the ring. Readers subscribe for a reader index of the ring
/// and get frame references under credit (latest wins); dead readers' leases are reclaimed.
/// </summary>
public sealed class CameraActor : ReceiveActor, IWithTimers
{
    internal sealed record FrameCommitted(FrameRef Frame);
    internal sealed record RingCreated(FrameRingWriter Ring);
    internal sealed record RingFailed(string Reason);
    private sealed record DecoderStatus(CameraStatus Status);
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly CameraSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RingReaders _readers = new();
    private readonly List<(IActorRef Reader, string ReaderId, int Credit, bool Streaming, bool Doorbell)> _waitingForRing = new();
    private readonly HashSet<IActorRef> _statusSubscribers = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private RingFrameTarget? _target;
    private CameraDecoder? _decoder;
    private FrameRingWriter? _ring;
    private RingDescriptor? _descriptor;
    private CameraStatus _status = new(CameraState.Connecting, null, DateTimeOffset.UtcNow);
    private long _published;
    private long _leasesExpired;
    private long _fpsFrames;
    private double _fpsAt;
    private double _fps;

    public CameraActor(CameraSettings settings)
    {
        _settings = settings;
        Receive<FrameCommitted>(OnFrame);
        Receive<ReturnCredit>(OnCredit);
        // A reader on this host that watches the ring's doorbell gets no FrameAvailable from here.
        Receive<Subscribe>(m => AddReader(Sender, m.ReaderId, m.Credit, streaming: true, doorbell: m.ReaderHost == HostIdentity.Current));
        Receive<AttachReader>(m => AddReader(Sender, m.ReaderId, 0, streaming: false, doorbell: false));
        Receive<Unsubscribe>(_ => RemoveReader(Sender, unwatch: true));
        Receive<Terminated>(t =>
        {
            _statusSubscribers.Remove(t.ActorRef);
            RemoveReader(t.ActorRef, unwatch: false);
        });
        Receive<RingCreated>(OnRingCreated);
        Receive<RingFailed>(m => SetStatus(new CameraStatus(CameraState.Failed, m.Reason, DateTimeOffset.UtcNow)));
        Receive<DecoderStatus>(m => SetStatus(m.Status));
        Receive<Tick>(_ => OnTick());
        Receive<GetStats>(_ => Sender.Tell(Stats()));
        Receive<GetCameraDetails>(_ => Sender.Tell(Details()));
        Receive<GetReaderCounters>(m => Sender.Tell(new ReaderCountersList(_settings.CameraId,
            _readers.All.Where(r => m.ReaderId is null || r.ReaderId == m.ReaderId).Select(r => r.Counters()).ToList())));
        Receive<SubscribeStatus>(_ =>
        {
            if (_statusSubscribers.Add(Sender)) Context.Watch(Sender);
            Sender.Tell(StatusMessage());
        });
        Receive<UnsubscribeStatus>(_ => _statusSubscribers.Remove(Sender));
        Receive<StopDecoding>(_ =>
        {
            _decoder?.Stop();
            SetStatus(new CameraStatus(CameraState.Stopped, "stopped on request", DateTimeOffset.UtcNow));
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
        if (_settings.Decoder.Width is { } w && _settings.Decoder.Height is { } h)
        {
            // Size known: create the ring now, so a problem (no room in /dev/shm) shows at once.
            _target.CreateRing(w, h);
        }
        _decoder = new CameraDecoder(_settings.Decoder, _target);
        var self = Self;
        _decoder.StatusChanged += s => self.Tell(new DecoderStatus(s));
        _decoder.Start();
        Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.LeaseCheckInterval);
        _log.Info("Camera {0}: decoding {1}", _settings.CameraId, _settings.Decoder.Url);
    }

    protected override void PostStop()
    {
        try { _decoder?.Dispose(); }
        catch (Exception e) { _log.Error(e, "Camera {0}: stopping the decoder failed", _settings.CameraId); }
        _target?.DisposeRing();
        _ring = null;
        _log.Info("Camera {0}: stopped, ring unlinked", _settings.CameraId);
    }

    private void OnRingCreated(RingCreated m)
    {
        _ring = m.Ring;
        _descriptor = new RingDescriptor(m.Ring.Path, ActorPaths.CameraRingName(_settings.CameraId), m.Ring.SlotCount, m.Ring.SlotCapacity, HostIdentity.Current);
        foreach (var (reader, id, credit, streaming, doorbell) in _waitingForRing) AddReader(reader, id, credit, streaming, doorbell);
        _waitingForRing.Clear();
    }

    private void OnFrame(FrameCommitted m)
    {
        _target?.FrameHandled();
        _published++;
        var frame = m.Frame;
        var streaming = _readers.Streaming;
        if (streaming.Count == 0) return;
        var shared = new FrameAvailable(frame, 0);
        for (int i = 0; i < streaming.Count; i++)
        {
            var flow = streaming[i];
            var message = flow.Offer(frame, shared);
            if (message is not null) flow.Reader.Tell(message, Self);
        }
    }

    private void OnCredit(ReturnCredit m)
    {
        if (!_readers.TryGet(Sender, out var flow)) return;
        var message = flow.AddCredit(m.Count);
        if (message is not null) flow.Reader.Tell(message, Self);
    }

    private void AddReader(IActorRef reader, string readerId, int credit, bool streaming, bool doorbell)
    {
        Context.Watch(reader);
        if (_ring is null || _descriptor is null)
        {
            _waitingForRing.RemoveAll(w => w.Reader.Equals(reader));
            _waitingForRing.Add((reader, readerId, credit, streaming, doorbell));
            return;
        }
        try
        {
            var flow = _readers.Register(_ring, reader, readerId, credit, streaming && !doorbell);
            reader.Tell(new Subscribed(_settings.CameraId, _descriptor, flow.ReaderIndex, Self, doorbell));
            _log.Info("Camera {0}: reader {1} ({2}) got index {3}{4}", _settings.CameraId, readerId, reader.Path, flow.ReaderIndex,
                doorbell ? ", watches the ring's doorbell" : "");
        }
        catch (RingException e)
        {
            reader.Tell(new SubscribeRejected(_settings.CameraId, e.Message));
            _log.Warning("Camera {0}: rejected reader {1}: {2}", _settings.CameraId, readerId, e.Message);
        }
    }

    private void RemoveReader(IActorRef reader, bool unwatch)
    {
        _waitingForRing.RemoveAll(w => w.Reader.Equals(reader));
        long before = _readers.LeasesCleared;
        if (_readers.Remove(_ring, reader))
        {
            if (unwatch && !_statusSubscribers.Contains(reader)) Context.Unwatch(reader);
            _log.Info("Camera {0}: reader {1} left, {2} lease(s) cleared", _settings.CameraId, reader.Path, _readers.LeasesCleared - before);
        }
    }

    private void OnTick()
    {
        if (_ring is not null)
        {
            int expired = _ring.ExpireLeases(_settings.LeaseTimeout);
            if (expired > 0)
            {
                _leasesExpired += expired;
                _log.Warning("Camera {0}: cleared {1} lease(s) held longer than {2}", _settings.CameraId, expired, _settings.LeaseTimeout);
            }
        }
        double now = _clock.Elapsed.TotalSeconds;
        if (now - _fpsAt >= 0.5)
        {
            _fps = (_published - _fpsFrames) / (now - _fpsAt);
            _fpsFrames = _published;
            _fpsAt = now;
        }
    }

    private void SetStatus(CameraStatus status)
    {
        _status = status;
        if (status.State == CameraState.Failed) _log.Error("Camera {0}: failed: {1}", _settings.CameraId, status.Reason);
        var message = StatusMessage();
        foreach (var s in _statusSubscribers) s.Tell(message);
    }

    private static string StateName(CameraState state) => state.ToString().ToLowerInvariant();

    private CameraStatusChanged StatusMessage() => new(_settings.CameraId, StateName(_status.State), _status.Reason, _status.At);

    private CameraStats Stats() => new(_settings.CameraId, StateName(_status.State), _status.Reason,
        _decoder?.FramesDecoded ?? 0, Dropped(), _fps);

    private CameraDetails Details() => new(_settings.CameraId, StateName(_status.State), _published,
        _decoder?.FramesDecoded ?? 0, Dropped(),
        _readers.Count, _readers.LeasesCleared, _leasesExpired, LeasedSlots(), _descriptor);

    private long Dropped() => (_ring?.FramesDropped ?? 0) + (_target is { } t ? t.Oversized + t.Behind : 0);

    private int LeasedSlots()
    {
        if (_ring is null) return 0;
        int leased = 0;
        for (int slot = 0; slot < _ring.SlotCount; slot++)
        {
            if (_ring.GetLeaseMask(slot) != 0) leased++;
        }
        return leased;
    }
}
