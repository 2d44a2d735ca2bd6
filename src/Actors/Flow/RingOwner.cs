using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Flow;

/// <summary>
/// The reader bookkeeping of an actor that owns a ring (a camera, a client's ring of derived frames):
/// hands out reader indexes (Subscribe, AttachReader) and watches the readers, frees a reader's index
/// and clears its leases when it leaves or dies, sends streaming readers frame references under credit
/// (latest wins), and clears leases held too long. Readers that ask before the ring exists get their
/// index when it does. A reader that subscribes under the id of a registered one is its new
/// incarnation (its node restarted) and replaces it. Remoting declares an address terminated, not an
/// incarnation: a reader on this host whose process still lives is kept then, and watched again on the
/// next <see cref="CheckReaders"/>, which also removes readers whose process is gone. Call it from the
/// owning actor's handlers only.
/// </summary>
internal sealed class RingOwner
{
    private readonly record struct WaitingReader(IActorRef Reader, string ReaderId, int Credit, bool Streaming, bool Doorbell,
        ReaderProcess? Process);

    private readonly string _ownerId;
    private readonly string _logName;
    private readonly IActorContext _context;
    private readonly ILoggingAdapter _log;
    private readonly RingReaders _readers = new();
    private readonly List<WaitingReader> _waitingForRing = new();
    private readonly string _hostIdentity;

    /// <param name="ownerId">The camera's or client's id, as Subscribed.OwnerId.</param>
    /// <param name="logName">How log lines name the owner, e.g. "Camera cam1".</param>
    public RingOwner(string ownerId, string logName, string hostIdentity, IActorContext context, ILoggingAdapter log)
    {
        _ownerId = ownerId;
        _logName = logName;
        _hostIdentity = hostIdentity;
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
    /// <summary>Times the ring was found overwritten by another process and repaired.</summary>
    public long IntegrityRepairs { get; private set; }

    /// <summary>The ring exists: readers that asked before get their index now.</summary>
    public void RingCreated(FrameRingWriter ring, string ringName)
    {
        Ring = ring;
        Descriptor = new RingDescriptor(ring.Path, ringName, ring.SlotCount, ring.SlotCapacity, _hostIdentity);
        foreach (var w in _waitingForRing) AddReader(w.Reader, w.ReaderId, w.Credit, w.Streaming, w.Doorbell, w.Process);
        _waitingForRing.Clear();
    }

    /// <summary>
    /// Registers reader and answers Subscribed (or SubscribeRejected). Streaming readers get frame
    /// references from <see cref="Publish"/> unless doorbell: then they watch the ring's doorbell
    /// themselves. Non-streaming readers only lease frames other actors forward to them. process: the
    /// reader's process, when it said which.
    /// </summary>
    public void AddReader(IActorRef reader, string readerId, int credit, bool streaming, bool doorbell, ReaderProcess? process = null)
    {
        ReplaceOtherIncarnation(reader, readerId);
        _context.Watch(reader);
        if (Ring is null || Descriptor is null)
        {
            _waitingForRing.RemoveAll(w => w.Reader.Equals(reader));
            _waitingForRing.Add(new WaitingReader(reader, readerId, credit, streaming, doorbell, process));
            return;
        }
        try
        {
            var flow = _readers.Register(Ring, reader, readerId, credit, streaming && !doorbell, process);
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

    /// <summary>
    /// A watched actor terminated: a reader is removed, unless only its address was declared terminated
    /// while its process on this host lives (another incarnation on the same host:port was declared dead).
    /// </summary>
    public void ReaderTerminated(Terminated t)
    {
        if (t.AddressTerminated && _readers.TryGet(t.ActorRef, out var flow) && ReaderProcesses.IsAliveHere(flow.Process, _hostIdentity))
        {
            flow.RewatchDue = true;
            _log.Warning("{0}: remoting declared reader {1}'s address terminated, but its process {2} lives; keeping it",
                _logName, t.ActorRef.Path, flow.Process!.Pid);
            return;
        }
        RemoveReader(t.ActorRef, unwatch: false);
    }

    /// <summary>Per tick: watches kept readers again and removes readers whose process on this host is gone.</summary>
    public void CheckReaders()
    {
        List<IActorRef>? gone = null;
        foreach (var flow in _readers.All)
        {
            if (ReaderProcesses.IsDeadHere(flow.Process, _hostIdentity)) (gone ??= []).Add(flow.Reader);
            else if (flow.RewatchDue)
            {
                flow.RewatchDue = false;
                _context.Watch(flow.Reader);
            }
        }
        if (gone is null) return;
        foreach (var reader in gone)
        {
            _log.Warning("{0}: reader {1}'s process is gone", _logName, reader.Path);
            RemoveReader(reader, unwatch: true);
        }
    }

    /// <summary>True while reader holds an index on the ring or waits for the ring to exist.</summary>
    public bool IsRegistered(IActorRef reader) => _readers.TryGet(reader, out _) || _waitingForRing.Any(w => w.Reader.Equals(reader));

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

    /// <summary>
    /// Clears leases held longer than timeout (a backstop to death watch for readers that hang) and those
    /// of standalone readers whose process died (<see cref="FrameRingWriter.ReleaseDeadClaims"/>), and
    /// repairs what another process may have written into the ring (<see cref="FrameRingWriter.CheckIntegrity"/>).
    /// </summary>
    public void ExpireLeases(TimeSpan timeout)
    {
        if (Ring is null) return;
        if (Ring.CheckIntegrity() is { } repaired)
        {
            IntegrityRepairs++;
            _log.Error("{0}: {1}", _logName, repaired);
        }
        int dead = Ring.ReleaseDeadClaims();
        if (dead > 0) _log.Warning("{0}: freed {1} reader index(es) of standalone readers whose process is gone, and their leases", _logName, dead);
        int expired = Ring.ExpireLeases(timeout);
        if (expired == 0) return;
        LeasesExpired += expired;
        _log.Warning("{0}: cleared {1} lease(s) held longer than {2}", _logName, expired, timeout);
    }

    /// <summary>
    /// Removes the reader registered as readerId under another actor: the new one is its next incarnation.
    /// Unwatched before the new one is watched, so remoting's failure detector starts afresh for the address.
    /// </summary>
    private void ReplaceOtherIncarnation(IActorRef reader, string readerId)
    {
        foreach (var w in _waitingForRing.Where(w => w.ReaderId == readerId && !w.Reader.Equals(reader)).ToList())
        {
            _waitingForRing.Remove(w);
            _context.Unwatch(w.Reader);
        }
        if (_readers.OtherIncarnation(readerId, reader) is not { } old) return;
        _log.Info("{0}: reader {1} subscribed again as {2}; its earlier incarnation {3} is replaced", _logName, readerId, reader.Path, old.Reader.Path);
        RemoveReader(old.Reader, unwatch: true);
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
