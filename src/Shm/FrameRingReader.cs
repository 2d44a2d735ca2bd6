using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The reader side of a frame ring, in any process: leases announced frames and reads them in place.
/// One reader index per reader; a reader leases a slot at most once at a time. Dispose unmaps,
/// never unlinks.
/// </summary>
public sealed unsafe class FrameRingReader : IDisposable
{
    private readonly SlotTable _table;
    private long _stale;
    private long _corrupt;
    private string? _lastCorruption;
    private readonly long _claim; // 0: the index came from the owner; else this reader's claim word

    private FrameRingReader(SlotTable table, int readerIndex, long claim = 0)
    {
        _table = table;
        ReaderIndex = readerIndex;
        _claim = claim;
    }

    /// <summary>Maps the ring at path (pre-faulted) as reader readerIndex (given by the owner).</summary>
    /// <exception cref="RingException">NotFound (no such ring), BadMagic, VersionMismatch, OwnerDead,
    /// InvalidArgument (reader index outside 0..63).</exception>
    public static FrameRingReader Attach(string path, int readerIndex) =>
        new(SlotTable.Attach(path, readerIndex), readerIndex);

    /// <summary>
    /// Maps the ring at path and claims a reader index in the ring itself, without asking its owner
    /// over Akka (scripts, Python and C through the C ABI): the owner hands that index to nobody else
    /// until <see cref="Dispose"/> frees it, or until this process is gone (the owner then clears its
    /// leases and frees it, <see cref="FrameRingWriter.ReleaseDeadClaims"/>).
    /// </summary>
    /// <exception cref="RingException">NotFound, BadMagic, VersionMismatch, OwnerDead, ReadersExhausted.</exception>
    public static FrameRingReader AttachStandalone(string path)
    {
        var table = SlotTable.Attach(path);
        try
        {
            long claim = ReaderClaims.OwnWord(0);
            return new FrameRingReader(table, ReaderClaims.ClaimOrReclaim(table, claim, 0), claim);
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    public string Path => _table.Path;

    /// <summary>True when this reader claimed its index itself (<see cref="AttachStandalone"/>).</summary>
    public bool IsStandalone => _claim != 0;

    public int ReaderIndex { get; }
    public int SlotCount => _table.SlotCount;
    public int SlotCapacity => _table.SlotCapacity;
    public int OwnerPid => _table.OwnerPid;

    /// <summary>The owner process's start time (clock ticks since boot, as in /proc/PID/stat).</summary>
    public long OwnerStartTime => _table.OwnerStartTime;

    /// <summary>When the file was created (Unix ms; with the owner it tells this file from a later one at the path).</summary>
    public long CreatedUnixMs => _table.CreatedUnixMs;

    /// <summary>The mapping, for a <see cref="RingWait"/>.</summary>
    internal SlotTable Table => _table;

    /// <summary>Stale announcements seen by this reader.</summary>
    public long Stale => Volatile.Read(ref _stale);

    /// <summary>Leases refused as <see cref="LeaseResult.Corrupt"/> and committed sequences refused as beyond <see cref="SequenceLimit"/>.</summary>
    public long Corrupt => Volatile.Read(ref _corrupt);

    /// <summary>What the latest corrupt entry looked like (null: none seen).</summary>
    public string? LastCorruption => Volatile.Read(ref _lastCorruption);

    /// <summary>
    /// The highest sequence the owner can have published so far (two per frame written, one more
    /// being published): a larger one in the ring was not written by the owner.
    /// </summary>
    public long SequenceLimit => _table.SequenceLimit;

    /// <summary>Frames the owner has committed so far.</summary>
    public long FramesWritten => Volatile.Read(ref _table.Header->FramesWritten);

    /// <summary>Frames the owner dropped because every slot was leased.</summary>
    public long FramesDropped => Volatile.Read(ref _table.Header->FramesDropped);

    /// <summary>True while the process that created the ring runs (reads /proc: not for hot paths).</summary>
    public bool IsOwnerAlive => ProcessIdentity.IsAlive(OwnerPid, OwnerStartTime);

    /// <summary>
    /// Leases the slot if it still holds the announced sequence; Stale otherwise, Corrupt when the
    /// slot is outside the ring or its entry does not fit the slot (nothing to release either way).
    /// </summary>
    public LeaseResult TryLease(int slot, long sequence, out FrameLease lease)
    {
        ThrowIfDisposed();
        lease = default;
        if ((uint)slot >= (uint)SlotCount)
        {
            return Refuse($"Ring {RingPaths.Describe(Path)}: slot {slot} announced, the ring has slots 0..{SlotCount - 1}; the frame was refused.");
        }
        if (!_table.TryLease(slot, sequence, ReaderIndex))
        {
            Interlocked.Increment(ref _stale);
            return LeaseResult.Stale;
        }
        var info = Info(_table.Entry(slot)); // one read: the checked copy is the one the reader uses
        if (!FrameEntryCheck.IsValid(info))
        {
            _table.Release(slot, ReaderIndex);
            return Refuse(FrameEntryCheck.Describe(Path, slot, info, SlotCapacity));
        }
        lease = new FrameLease(slot, sequence, info, _table.Payload(slot), _table.PayloadFileOffset(slot));
        return LeaseResult.Leased;
    }

    private LeaseResult Refuse(string problem)
    {
        Volatile.Write(ref _lastCorruption, problem);
        Interlocked.Increment(ref _corrupt);
        return LeaseResult.Corrupt;
    }

    /// <summary>
    /// Waits up to timeout for a frame newer than afterSequence and leases the newest one (a newer
    /// one if the newest was overwritten meanwhile). False when none came in time. No allocation.
    /// </summary>
    public bool TryLeaseNewest(long afterSequence, TimeSpan timeout, out FrameLease lease)
    {
        ThrowIfDisposed();
        return NewestLease.TryTake(this, afterSequence, timeout, out lease);
    }

    /// <summary>Ends a lease; the slot may be rewritten afterwards. A default lease is ignored.</summary>
    public void Release(in FrameLease lease)
    {
        if (lease.Data == null || _table.IsDisposed)
        {
            return;
        }
        _table.Release(lease.Slot, ReaderIndex);
    }

    /// <summary>
    /// True while this reader's lease bit on the lease's slot is still set: then the frame was not
    /// touched since it was leased (the owner can clear a bit by reader index or timeout).
    /// </summary>
    public bool IsStillLeased(in FrameLease lease) => lease.Data != null && _table.IsLeased(lease.Slot, ReaderIndex);

    /// <summary>The newest committed frame (Sequence 0 before the first commit).</summary>
    public FrameAnnouncement Latest => new RingDoorbell(_table.Header).Latest;

    /// <summary>
    /// Returns true at once with the newest frame if its sequence is above afterSequence; otherwise
    /// sleeps on the ring's doorbell (a futex in the header) until a commit, <see cref="Interrupt"/>,
    /// or the timeout, and returns whether a newer frame came. One sleep at most: call it in a loop.
    /// </summary>
    public bool WaitForFrame(long afterSequence, TimeSpan timeout, out FrameAnnouncement frame)
    {
        ThrowIfDisposed();
        return _table.Doorbell.Wait(afterSequence, timeout, out frame);
    }

    /// <summary>Sleepers the writer's next commit must wake (tests check none is left counted).</summary>
    internal int DoorbellWaiterCount => _table.Doorbell.WaiterCount;

    /// <summary>
    /// The committed frames still in the ring with a sequence above afterSequence, oldest first (a
    /// watcher that woke once for several commits offers each of them, not only the latest). frames
    /// must hold <see cref="SlotCount"/> entries; returns how many were written. Reads the slot table only;
    /// sequences above <see cref="SequenceLimit"/> (not written by the owner) are left out and counted as corrupt.
    /// </summary>
    public int CollectSince(long afterSequence, Span<FrameAnnouncement> frames)
    {
        ThrowIfDisposed();
        if (frames.Length < SlotCount)
        {
            throw new ArgumentException($"room for {SlotCount} frames needed, got {frames.Length}", nameof(frames));
        }
        int count = 0;
        long limit = SequenceLimit;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            long sequence = Volatile.Read(ref _table.Entry(slot)->Sequence);
            if (sequence <= afterSequence || (sequence & 1) != 0)
            {
                continue;
            }
            if (sequence > limit)
            {
                Refuse($"Ring {RingPaths.Describe(Path)} slot {slot} holds sequence {sequence}, beyond the {limit} the owner can have written; left out.");
                continue;
            }
            int at = count++;
            while (at > 0 && frames[at - 1].Sequence > sequence) // insertion sort: a ring has a handful of slots
            {
                frames[at] = frames[at - 1];
                at--;
            }
            frames[at] = new FrameAnnouncement(slot, sequence);
        }
        return count;
    }

    /// <summary>
    /// Finds the newest committed frame whose stream frame index is streamFrameIndex, by scanning the
    /// slot table (no lease, no allocation; lease the announcement to use it). newestIndex: the highest
    /// stream frame index in the ring (-1: none), which tells a frame not written yet from one already
    /// overwritten.
    /// </summary>
    public bool TryFindStreamFrame(long streamFrameIndex, out FrameAnnouncement frame, out long newestIndex)
    {
        ThrowIfDisposed();
        frame = default;
        newestIndex = -1;
        long limit = SequenceLimit;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            SlotEntry* entry = _table.Entry(slot);
            long sequence = Volatile.Read(ref entry->Sequence);
            if (sequence == 0 || (sequence & 1) != 0 || sequence > limit)
            {
                continue;
            }
            long index = Volatile.Read(ref entry->StreamFrameIndexPlusOne) - 1;
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref entry->Sequence) != sequence)
            {
                continue;
            }
            newestIndex = Math.Max(newestIndex, index);
            if (index == streamFrameIndex && index >= 0 && sequence > frame.Sequence)
            {
                frame = new FrameAnnouncement(slot, sequence);
            }
        }
        return frame.Sequence != 0;
    }

    /// <summary>Wakes every reader asleep in <see cref="WaitForFrame"/> on this ring (in any process), e.g. to stop a watcher.</summary>
    public void Interrupt()
    {
        if (!_table.IsDisposed)
        {
            new RingDoorbell(_table.Header).Interrupt();
        }
    }

    /// <summary>
    /// The metadata of the frame in slot if it still holds sequence (read without a lease, so it is
    /// re-checked against the sequence afterwards); false if the slot moved on.
    /// </summary>
    public bool TryPeek(int slot, long sequence, out FrameInfo info)
    {
        if ((uint)slot >= (uint)SlotCount || _table.IsDisposed)
        {
            info = default;
            return false;
        }
        SlotEntry* entry = _table.Entry(slot);
        if (Volatile.Read(ref entry->Sequence) != sequence)
        {
            info = default;
            return false;
        }
        info = Info(entry);
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref entry->Sequence) == sequence;
    }

    /// <summary>
    /// Unmaps the ring (never unlinks). A standalone reader first clears its leases and frees its
    /// index; any other reader leaves its leases to the owner to reclaim.
    /// </summary>
    public void Dispose()
    {
        if (_claim != 0 && !_table.IsDisposed)
        {
            LeaseReclaim.ClearLeases(_table, ReaderIndex);
            ReaderClaims.Free(_table, ReaderIndex, _claim);
        }
        _table.Dispose();
    }

    private FrameInfo Info(SlotEntry* entry) =>
        new(entry->Width, entry->Height, entry->Stride, (PixelFormat)entry->Format, entry->TimestampMs, _table.LengthOf(entry))
        {
            StreamFrameIndex = entry->StreamFrameIndexPlusOne - 1,
            CommitTicks = entry->CommitTicks,
        };

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_table.IsDisposed, this);
}
