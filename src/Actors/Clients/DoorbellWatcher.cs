using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Rings;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// Same-host frame announcements for one client and one camera: a thread sleeps on the camera ring's
/// futex doorbell and, for each new frame, tells the client the same FrameAvailable the camera would
/// have sent over Akka.Remote, as a local message (sender: the camera). Credit works as on the
/// camera's side (<see cref="ReaderFlow"/>: at most Credit frames in flight, then latest wins), but it
/// comes back as a method call instead of a ReturnCredit message. Frames committed between two
/// wake-ups are all offered if still in the ring; those already overwritten count as skipped.
/// </summary>
internal sealed class DoorbellWatcher : IDisposable
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly FrameRingReader _reader;
    private readonly IActorRef _client;
    private readonly IActorRef _camera;
    private readonly string _cameraId;
    private readonly ReaderFlow _flow;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private long _lastSeen;
    private volatile bool _stopping;

    public DoorbellWatcher(FrameRingReader reader, IActorRef client, IActorRef camera, string cameraId, string readerId, int credit)
    {
        _reader = reader;
        _client = client;
        _camera = camera;
        _cameraId = cameraId;
        _flow = new ReaderFlow(client, readerId, reader.ReaderIndex, Math.Max(1, credit), streaming: true);
        _lastSeen = reader.Latest.Sequence; // frames from now on, as from a camera's Subscribe
        _thread = new Thread(Run) { IsBackground = true, Name = $"valkka-doorbell-{cameraId}" };
        _thread.Start();
    }

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

    /// <summary>Stops the thread and waits for it; the ring reader may be unmapped afterwards.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        do _reader.Interrupt();
        while (!_thread.Join(TimeSpan.FromMilliseconds(50)));
    }

    private void Run()
    {
        var committed = new FrameAnnouncement[_reader.SlotCount];
        while (!_stopping)
        {
            if (!_reader.WaitForFrame(_lastSeen, SleepLimit, out _) || _stopping) continue;
            // Every frame committed since the last wake-up that is still in the ring, oldest first:
            // with credit each goes out, as FrameAvailable messages would have; only frames already
            // overwritten (a watcher asleep for a ring's worth of frames) count as skipped.
            int count = _reader.CollectSince(_lastSeen, committed);
            for (int i = 0; i < count; i++)
            {
                var frame = committed[i];
                lock (_gate)
                {
                    long missed = (frame.Sequence - _lastSeen) / 2 - 1;
                    _lastSeen = frame.Sequence;
                    if (_flow.Offer(Reference(frame), null, missed) is { } message) _client.Tell(message, _camera);
                }
            }
        }
    }

    private FrameRef Reference(FrameAnnouncement frame)
    {
        // Size and time come from the slot table; if the slot moved on already, the lease will be stale anyway.
        _reader.TryPeek(frame.Slot, frame.Sequence, out var info);
        return new FrameRef(_cameraId, _reader.Path, frame.Slot, frame.Sequence, info.TimestampMs, info.Width, info.Height);
    }
}
