using Akka.Actor;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// A camera for benchmarks: it owns a real ring and speaks the camera side of the framework's
/// protocol (Subscribe -> Subscribed, FrameAvailable under credit, ReturnCredit, Unsubscribe) to real
/// <see cref="ClientActor"/>s, but its frames come from the benchmark instead of FFmpeg, so it can
/// (a) write a frame the moment a reader has credit (transport throughput) or (b) take frames a
/// producer thread committed, like CameraActor takes them from its decoder thread (latency).
/// As CameraActor, it announces nothing by message to a reader on its host that asks to watch the
/// ring's doorbell (the framework's default there); such a reader needs a producer that writes on
/// its own (<see cref="CameraCounters.Doorbell"/> tells).
/// </summary>
public sealed unsafe class BenchCamera : ReceiveActor
{
    /// <summary>A producer thread committed this frame (the decoder thread's message in CameraActor).</summary>
    public sealed record Committed(FrameRef Frame);

    /// <summary>Answered with <see cref="CameraCounters"/>.</summary>
    public sealed record GetCounters;
    public sealed record CameraCounters(long Published, long Sent, long NoCredit, long CreditsReturned, bool HasReader, bool Doorbell);

    /// <summary>Fills a slot with frame number n (on-demand mode).</summary>
    public delegate void FrameWriter(long frameNumber, byte* destination);

    private readonly string _cameraId;
    private readonly FrameRingWriter _ring;
    private readonly FrameInfo _info;
    private readonly FrameWriter? _onDemand;
    private readonly Action<long>? _creditObserver;
    private IActorRef? _reader;
    private int _readerIndex = -1;
    private int _credit;
    private bool _doorbell;
    private long _published, _sent, _noCredit, _creditsReturned, _frameNumber;

    /// <param name="onDemand">Null: frames come as <see cref="Committed"/> messages. Otherwise a new
    /// frame is written with it whenever the reader has credit.</param>
    /// <param name="creditObserver">Called on the actor's thread with the total of credits returned so far.</param>
    public BenchCamera(string cameraId, FrameRingWriter ring, FrameInfo info, FrameWriter? onDemand, Action<long>? creditObserver)
    {
        _creditObserver = creditObserver;
        _cameraId = cameraId;
        _ring = ring;
        _info = info;
        _onDemand = onDemand;
        Receive<Subscribe>(m =>
        {
            if (_reader is not null) { Sender.Tell(new SubscribeRejected(_cameraId, "bench camera takes one reader")); return; }
            _reader = Sender;
            _readerIndex = _ring.RegisterReader();
            _credit = Math.Max(1, m.Credit);
            _doorbell = m.ReaderHost == HostIdentity.Current;
            Context.Watch(Sender);
            var descriptor = new RingDescriptor(_ring.Path, ActorPaths.CameraRingName(_cameraId), _ring.SlotCount, _ring.SlotCapacity, HostIdentity.Current);
            Sender.Tell(new Subscribed(_cameraId, descriptor, _readerIndex, Self, _doorbell));
            if (!_doorbell) WriteWhileCredit();
        });
        Receive<ReturnCredit>(m =>
        {
            if (!Sender.Equals(_reader)) return;
            _creditsReturned += m.Count;
            _credit += m.Count;
            _creditObserver?.Invoke(_creditsReturned);
            WriteWhileCredit();
        });
        Receive<Committed>(m =>
        {
            _published++;
            if (_doorbell) return; // the ring's doorbell told the reader already
            if (_reader is null || _credit == 0) { _noCredit++; return; }
            _credit--;
            _sent++;
            _reader.Tell(new FrameAvailable(m.Frame, 0), Self);
        });
        Receive<Unsubscribe>(_ => RemoveReader());
        Receive<Terminated>(_ => RemoveReader());
        Receive<GetCounters>(_ => Sender.Tell(new CameraCounters(_published, _sent, _noCredit, _creditsReturned, _reader is not null, _doorbell)));
    }

    public static Props Props(string cameraId, FrameRingWriter ring, FrameInfo info, FrameWriter? onDemand = null, Action<long>? creditObserver = null) =>
        Akka.Actor.Props.Create(() => new BenchCamera(cameraId, ring, info, onDemand, creditObserver));

    private void WriteWhileCredit()
    {
        if (_onDemand is null || _reader is null) return;
        while (_credit > 0)
        {
            if (!_ring.TryBeginWrite(out var slot)) { _noCredit++; return; }
            _onDemand(_frameNumber++, slot.Data);
            long ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long sequence = _ring.Commit(slot, _info with { TimestampMs = ms });
            _published++;
            _sent++;
            _credit--;
            _reader.Tell(new FrameAvailable(new FrameRef(_cameraId, _ring.Path, slot.Slot, sequence, ms, _info.Width, _info.Height), 0), Self);
        }
    }

    private void RemoveReader()
    {
        if (_readerIndex >= 0) _ring.UnregisterReader(_readerIndex);
        _readerIndex = -1;
        _reader = null;
        _doorbell = false;
        _credit = 0;
    }
}
