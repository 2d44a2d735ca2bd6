using Akka.Actor;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// Same-host frame announcements for one client and one camera: the client's own thread or a thread of
/// the watcher's own (as the client's <see cref="ActorHosting"/> says) sleeps on the camera ring's
/// futex doorbell and, for each new frame, tells the client the same FrameAvailable the camera would
/// have sent over Akka.Remote, as a local message (sender: the camera). Credit works as on the
/// camera's side (<see cref="ReaderFlow"/>: at most Credit frames in flight, then latest wins), but it
/// comes back as a method call instead of a ReturnCredit message. Frames committed between two
/// wake-ups are all offered if still in the ring; those already overwritten count as skipped.
/// </summary>
internal sealed class DoorbellWatcher : IRingWakeSource, IDisposable
{
    private readonly FrameRingReader _reader;
    private readonly IActorRef _client;
    private readonly IActorRef _camera;
    private readonly string _cameraId;
    private readonly ReaderFlow _flow;
    private readonly IHostedRingSource _hosted;
    private readonly FrameAnnouncement[] _committed;
    private readonly object _gate = new();
    private long _lastSeen;
    private volatile bool _stopping;

    public DoorbellWatcher(FrameRingReader reader, IActorRef client, IActorRef camera, string cameraId, string readerId, int credit,
        ActorHosting hosting)
    {
        _reader = reader;
        _client = client;
        _camera = camera;
        _cameraId = cameraId;
        _flow = new ReaderFlow(client, readerId, reader.ReaderIndex, Math.Max(1, credit), streaming: true);
        _lastSeen = reader.Latest.Sequence; // frames from now on, as from a camera's Subscribe
        _committed = new FrameAnnouncement[reader.SlotCount];
        _hosted = hosting.Host(this, $"valkka-doorbell-{cameraId}");
    }

    /// <summary>True when the client's own thread watches the ring (no thread of its own).</summary>
    public bool IsHosted => _hosted.OnActorThread;

    public RingWait Awaited => new(_reader, Volatile.Read(ref _lastSeen));

    /// <summary>Published (seen or skipped), sent, skipped, pending and credit, as a camera counts them.</summary>
    public ReaderCounters Counters()
    {
        lock (_gate) return _flow.Counters();
    }

    /// <summary>The client finished one announced frame (analyzed or stale): the next may go out.</summary>
    public void ReturnCredit()
    {
        // Told under the lock, as in Run: frames reach the client's mailbox in sequence order.
        lock (_gate)
        {
            if (_flow.AddCredit(1) is { } next) _client.Tell(next, _camera);
        }
    }

    /// <summary>Stops watching (waits for its thread, if it has one); the ring reader may be unmapped afterwards.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _hosted.Dispose();
    }

    /// <summary>
    /// Offers every frame committed since the last call that is still in the ring, oldest first: with
    /// credit each goes out, as FrameAvailable messages would have; only frames already overwritten
    /// (a watcher asleep for a ring's worth of frames) count as skipped. True if there was any.
    /// </summary>
    public bool Poll()
    {
        if (_stopping) return false;
        if (Volatile.Read(ref _lastSeen) > _reader.SequenceLimit) Resync();
        if (_reader.Latest.Sequence <= Volatile.Read(ref _lastSeen)) return false;
        int count = _reader.CollectSince(_lastSeen, _committed);
        for (int i = 0; i < count; i++)
        {
            var frame = _committed[i];
            lock (_gate)
            {
                long missed = (frame.Sequence - _lastSeen) / 2 - 1;
                Volatile.Write(ref _lastSeen, frame.Sequence);
                if (_flow.Offer(Reference(frame), null, missed) is { } message) _client.Tell(message, _camera);
            }
        }
        return count > 0;
    }

    /// <summary>
    /// The last frame seen lies beyond anything the owner wrote: garbage (written into the ring by
    /// another process) got in before the owner's counters were right again. Go on from the owner's latest.
    /// </summary>
    private void Resync()
    {
        lock (_gate) Volatile.Write(ref _lastSeen, Math.Min(_reader.Latest.Sequence, _reader.SequenceLimit));
    }

    private FrameRef Reference(FrameAnnouncement frame)
    {
        // Size and time come from the slot table; if the slot moved on already, the lease will be stale anyway.
        var index = _reader.TryPeek(frame.Slot, frame.Sequence, out var info) ? info.StreamFrameIndex : -1;
        return new FrameRef(_cameraId, _reader.Path, frame.Slot, frame.Sequence, info.TimestampMs, info.Width, info.Height, index);
    }
}
