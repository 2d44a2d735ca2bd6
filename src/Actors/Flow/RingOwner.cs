using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Flow;

/// <summary>
/// The reader bookkeeping of an actor that owns a ring (a camera, a client's ring of derived frames):
/// hands out reader indexes (Subscribe, AttachReader) and watches the readers, frees a reader's index
/// and clears its leases when it leaves or dies, sends streaming readers frame references under credit
/// (latest wins), and clears leases held too long. Readers that ask before the ring exists get their
/// index when it does. Call it from the owning actor's handlers only.
/// </summary>
public sealed class RingOwner
{
    private readonly record struct WaitingReader(IActorRef Reader, string ReaderId, int Credit, bool Streaming, bool Doorbell);

    private readonly string _ownerId;
    private readonly string _logName;
    private readonly IActorContext _context;
    private readonly ILoggingAdapter _log;
    private readonly RingReaders _readers = new();
    private readonly List<WaitingReader> _waitingForRing = new();

    /// <param name="ownerId">The camera's or client's id, as Subscribed.OwnerId.</param>
    /// <param name="logName">How log lines name the owner, e.g. "Camera cam1".</param>
    public RingOwner(string ownerId, string logName, IActorContext context, ILoggingAdapter log)
    {
        _ownerId = ownerId;
        _logName = logName;
        _context = context;
        _log = log;
    }

    public FrameRingWriter? Ring { get; private set; }
    public RingDescriptor? Descriptor { get; private set; }
    public int ReaderCount => _readers.Count;
    /// <summary>Leases cleared because their reader left, died or subscribed again.</summary>
    public long LeasesCleared => _readers.LeasesCleared;
    /// <summary>Leases cleared because they were held longer than the lease timeout.</summary>
    public long LeasesExpired { get; private set; }

    /// <summary>The ring exists: readers that asked before get their index now.</summary>
    public void RingCreated(FrameRingWriter ring, string ringName)
    {
        Ring = ring;
        Descriptor = new RingDescriptor(ring.Path, ringName, ring.SlotCount, ring.SlotCapacity, HostIdentity.Current);
        foreach (var w in _waitingForRing) AddReader(w.Reader, w.ReaderId, w.Credit, w.Streaming, w.Doorbell);
        _waitingForRing.Clear();
    }

    /// <summary>
    /// Registers reader and answers Subscribed (or SubscribeRejected). Streaming readers get frame
    /// references from <see cref="Publish"/> unless doorbell: then they watch the ring's doorbell
    /// themselves. Non-streaming readers only lease frames other actors forward to them.
    /// </summary>
    public void AddReader(IActorRef reader, string readerId, int credit, bool streaming, bool doorbell)
    {
        _context.Watch(reader);
        if (Ring is null || Descriptor is null)
        {
            _waitingForRing.RemoveAll(w => w.Reader.Equals(reader));
            _waitingForRing.Add(new WaitingReader(reader, readerId, credit, streaming, doorbell));
            return;
        }
        try
        {
            var flow = _readers.Register(Ring, reader, readerId, credit, streaming && !doorbell);
            reader.Tell(new Subscribed(_ownerId, Descriptor, flow.ReaderIndex, _context.Self, doorbell), _context.Self);
            _log.Info("{0}: reader {1} ({2}) got index {3}{4}", _logName, readerId, reader.Path, flow.ReaderIndex,
                doorbell ? ", watches the ring's doorbell" : "");
        }
        catch (RingException e)
        {
            reader.Tell(new SubscribeRejected(_ownerId, e.Message), _context.Self);
            _log.Warning("{0}: rejected reader {1}: {2}", _logName, readerId, e.Message);
        }
    }

    /// <summary>
    /// The reader unsubscribed or died: frees its index and clears its leases. unwatch: stop watching
    /// it too (false when it died, or when the actor still watches it for another reason).
    /// </summary>
    public void RemoveReader(IActorRef reader, bool unwatch)
    {
        _waitingForRing.RemoveAll(w => w.Reader.Equals(reader));
        long before = _readers.LeasesCleared;
        if (!_readers.Remove(Ring, reader)) return;
        if (unwatch) _context.Unwatch(reader);
        _log.Info("{0}: reader {1} left, {2} lease(s) cleared", _logName, reader.Path, _readers.LeasesCleared - before);
    }

    /// <summary>The reader finished count frames: sends it the newest one it missed, if any.</summary>
    public void ReturnCredit(IActorRef reader, int count)
    {
        if (!_readers.TryGet(reader, out var flow)) return;
        var message = flow.AddCredit(count);
        if (message is not null) flow.Reader.Tell(message, _context.Self);
    }

    /// <summary>A frame was committed: offers it to every streaming reader (one shared message for those that skipped nothing).</summary>
    public void Publish(FrameRef frame)
    {
        var streaming = _readers.Streaming;
        if (streaming.Count == 0) return;
        var shared = new FrameAvailable(frame, 0);
        for (int i = 0; i < streaming.Count; i++)
        {
            var flow = streaming[i];
            var message = flow.Offer(frame, shared);
            if (message is not null) flow.Reader.Tell(message, _context.Self);
        }
    }

    /// <summary>Clears leases held longer than timeout (a backstop to death watch for readers that hang).</summary>
    public void ExpireLeases(TimeSpan timeout)
    {
        if (Ring is null) return;
        int expired = Ring.ExpireLeases(timeout);
        if (expired == 0) return;
        LeasesExpired += expired;
        _log.Warning("{0}: cleared {1} lease(s) held longer than {2}", _logName, expired, timeout);
    }

    /// <summary>Slots some reader holds a lease on now.</summary>
    public int LeasedSlots()
    {
        if (Ring is null) return 0;
        int leased = 0;
        for (int slot = 0; slot < Ring.SlotCount; slot++)
        {
            if (Ring.GetLeaseMask(slot) != 0) leased++;
        }
        return leased;
    }

    /// <summary>The flow counts of every reader, or of the one with readerId.</summary>
    public IReadOnlyList<ReaderCounters> Counters(string? readerId) =>
        _readers.All.Where(r => readerId is null || r.ReaderId == readerId).Select(r => r.Counters()).ToList();
}
