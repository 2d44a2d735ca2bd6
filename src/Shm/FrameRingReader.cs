using System.Diagnostics;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The reader side of a ring, in any process: leases announced frames and reads them in place.
/// One reader index per reader; a reader leases a slot at most once at a time. Dispose unmaps,
/// never unlinks.
/// </summary>
public sealed unsafe class FrameRingReader : IDisposable
{
    private readonly RingMapping _mapping;
    private readonly RingHeader* _header;
    private readonly byte* _slots;
    private readonly byte* _payload;
    private readonly long _slotStride;
    private readonly ulong _bit;
    private long _stale;
    private int _disposed;

    private FrameRingReader(string path, int readerIndex, RingMapping mapping, RingLayout layout)
    {
        Path = path;
        ReaderIndex = readerIndex;
        _bit = 1UL << readerIndex;
        _mapping = mapping;
        _header = (RingHeader*)mapping.Base;
        _slots = mapping.Base + layout.SlotTableOffset;
        _payload = mapping.Base + layout.PayloadOffset;
        _slotStride = layout.SlotStride;
        SlotCount = layout.SlotCount;
        SlotCapacity = layout.SlotCapacity;
        OwnerPid = _header->OwnerPid;
        OwnerStartTime = _header->OwnerStartTime;
    }

    /// <summary>Maps the ring at path (pre-faulted) as reader readerIndex (given by the owner).</summary>
    /// <exception cref="RingException">NotFound (no such ring), BadMagic, VersionMismatch, OwnerDead,
    /// InvalidArgument (reader index outside 0..63).</exception>
    public static FrameRingReader Attach(string path, int readerIndex)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = RingPaths.Describe(path);
        if ((uint)readerIndex >= RingLayout.MaxReaders)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"Ring {name}: reader index {readerIndex} is outside 0..{RingLayout.MaxReaders - 1}.");
        }
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RingException(RingErrorKind.NotFound, $"Ring {name} does not exist ({path}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RingException(RingErrorKind.NotFound,
                $"Ring {name} exists but this process may not open it ({path} is not readable and writable).", e);
        }
        using (stream)
        {
            long length = stream.Length;
            var header = RingFile.ReadHeader(stream.SafeFileHandle);
            var layout = RingFile.Validate(path, header, length);
            var h = header!.Value;
            if (!ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime))
            {
                throw new RingException(RingErrorKind.OwnerDead,
                    $"Ring {name} is stale: its {ProcessIdentity.DescribeOwner(h.OwnerPid, h.OwnerStartTime)}.");
            }
            var mapping = RingMapping.Map(stream.SafeFileHandle, layout.TotalSize, path);
            return new FrameRingReader(path, readerIndex, mapping, layout);
        }
    }

    public string Path { get; }

    public int ReaderIndex { get; }

    public int SlotCount { get; }

    public int SlotCapacity { get; }

    public int OwnerPid { get; }

    internal long OwnerStartTime { get; }

    /// <summary>Stale announcements seen by this reader.</summary>
    public long Stale => Volatile.Read(ref _stale);

    /// <summary>Frames the owner has committed so far.</summary>
    public long FramesWritten => Volatile.Read(ref _header->FramesWritten);

    /// <summary>Frames the owner dropped because every slot was leased.</summary>
    public long FramesDropped => Volatile.Read(ref _header->FramesDropped);

    /// <summary>True while the process that created the ring runs (reads /proc: not for hot paths).</summary>
    public bool IsOwnerAlive => ProcessIdentity.IsAlive(OwnerPid, OwnerStartTime);

    /// <summary>
    /// Leases the slot if it still holds the announced sequence; Stale otherwise (nothing to release).
    /// </summary>
    public LeaseResult TryLease(int slot, long sequence, out FrameLease lease)
    {
        if (_disposed != 0)
        {
            throw new ObjectDisposedException(nameof(FrameRingReader));
        }
        if ((uint)slot >= (uint)SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), $"Slot {slot} is outside 0..{SlotCount - 1}.");
        }
        SlotEntry* entry = Entry(slot);
        FrameRingWriter.LeaseTicks(entry)[ReaderIndex] = Stopwatch.GetTimestamp();
        Interlocked.Or(ref entry->LeaseMask, _bit); // full fence before checking the sequence
        if (sequence <= 0 || (sequence & 1) != 0 || Volatile.Read(ref entry->Sequence) != sequence)
        {
            Interlocked.And(ref entry->LeaseMask, ~_bit);
            Interlocked.Increment(ref _stale);
            lease = default;
            return LeaseResult.Stale;
        }
        int length = entry->Length;
        if ((uint)length > (uint)SlotCapacity)
        {
            length = SlotCapacity; // never hand out memory beyond the slot, even for a corrupt entry
        }
        var info = new FrameInfo(entry->Width, entry->Height, entry->Stride, (PixelFormat)entry->Format,
                                 entry->TimestampMs, length);
        lease = new FrameLease(slot, sequence, info, _payload + slot * _slotStride);
        return LeaseResult.Leased;
    }

    /// <summary>
    /// The frame with this sequence if the writer committed it already leased for this reader
    /// (<see cref="FrameRingWriter.Commit(in SlotWriter, in FrameInfo, ulong)"/>); false if no slot
    /// holds it (not written yet). Release it as any lease.
    /// </summary>
    public bool TryTakeLeased(long sequence, out FrameLease lease)
    {
        if (_disposed != 0)
        {
            throw new ObjectDisposedException(nameof(FrameRingReader));
        }
        for (int slot = 0; slot < SlotCount; slot++)
        {
            SlotEntry* entry = Entry(slot);
            if (Volatile.Read(ref entry->Sequence) != sequence || (Volatile.Read(ref entry->LeaseMask) & _bit) == 0)
            {
                continue;
            }
            var info = new FrameInfo(entry->Width, entry->Height, entry->Stride, (PixelFormat)entry->Format, entry->TimestampMs,
                                     (int)Math.Min((uint)entry->Length, (uint)SlotCapacity));
            lease = new FrameLease(slot, sequence, info, _payload + slot * _slotStride);
            return true;
        }
        lease = default;
        return false;
    }

    /// <summary>Ends a lease; the slot may be rewritten afterwards. A default lease is ignored.</summary>
    public void Release(in FrameLease lease)
    {
        if (lease.Data == null || _disposed != 0)
        {
            return;
        }
        Interlocked.And(ref Entry(lease.Slot)->LeaseMask, ~_bit);
    }

    /// <summary>
    /// True while this reader's lease bit on the lease's slot is still set: then the frame was not
    /// touched since it was leased (the owner can clear a bit by reader index or timeout).
    /// </summary>
    public bool IsStillLeased(in FrameLease lease) =>
        lease.Data != null && (Volatile.Read(ref Entry(lease.Slot)->LeaseMask) & _bit) != 0;

    /// <summary>The newest committed frame (Sequence 0 before the first commit).</summary>
    public FrameAnnouncement Latest => FrameAnnouncement.Unpack(Volatile.Read(ref _header->LatestFrame));

    /// <summary>
    /// Returns true at once with the newest frame if its sequence is above afterSequence; otherwise
    /// sleeps on the ring's doorbell (a futex in the header) until a commit, <see cref="Interrupt"/>,
    /// or the timeout, and returns whether a newer frame came. One sleep at most: call it in a loop.
    /// </summary>
    public bool WaitForFrame(long afterSequence, TimeSpan timeout, out FrameAnnouncement frame)
    {
        if (_disposed != 0)
        {
            throw new ObjectDisposedException(nameof(FrameRingReader));
        }
        int bell = Volatile.Read(ref _header->Doorbell);
        frame = Latest;
        if (frame.Sequence > afterSequence)
        {
            return true;
        }
        Interlocked.Increment(ref _header->DoorbellWaiters); // full fence before the re-check
        if (Volatile.Read(ref _header->Doorbell) == bell)
        {
            Native.Futex.WaitWhile(&_header->Doorbell, bell, timeout);
        }
        Interlocked.Decrement(ref _header->DoorbellWaiters);
        frame = Latest;
        return frame.Sequence > afterSequence;
    }

    /// <summary>The doorbell word, for a <see cref="RingWaiter"/> that sleeps on several rings.</summary>
    internal int* DoorbellWord
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return &_header->Doorbell;
        }
    }

    /// <summary>Counts a sleeper the writer must wake on its next commit (see <see cref="WaitForFrame"/>).</summary>
    internal void AddDoorbellWaiter() => Interlocked.Increment(ref _header->DoorbellWaiters);

    internal void RemoveDoorbellWaiter() => Interlocked.Decrement(ref _header->DoorbellWaiters);

    /// <summary>Sleepers the writer's next commit must wake (tests check none is left counted).</summary>
    internal int DoorbellWaiterCount => Volatile.Read(ref _header->DoorbellWaiters);

    /// <summary>
    /// The committed frames still in the ring with a sequence above afterSequence, oldest first (a
    /// watcher that woke once for several commits offers each of them, not only the latest). frames
    /// must hold <see cref="SlotCount"/> entries; returns how many were written. Reads the slot table only.
    /// </summary>
    public int CollectSince(long afterSequence, Span<FrameAnnouncement> frames)
    {
        if (_disposed != 0)
        {
            throw new ObjectDisposedException(nameof(FrameRingReader));
        }
        if (frames.Length < SlotCount)
        {
            throw new ArgumentException($"room for {SlotCount} frames needed, got {frames.Length}", nameof(frames));
        }
        int count = 0;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            long sequence = Volatile.Read(ref Entry(slot)->Sequence);
            if (sequence <= afterSequence || (sequence & 1) != 0)
            {
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

    /// <summary>Wakes every reader asleep in <see cref="WaitForFrame"/> on this ring (in any process), e.g. to stop a watcher.</summary>
    public void Interrupt()
    {
        if (_disposed == 0)
        {
            Native.Futex.WakeAll(&_header->Doorbell);
        }
    }

    /// <summary>
    /// The metadata of the frame in slot if it still holds sequence (read without a lease, so it is
    /// re-checked against the sequence afterwards); false if the slot moved on.
    /// </summary>
    public bool TryPeek(int slot, long sequence, out FrameInfo info)
    {
        if ((uint)slot >= (uint)SlotCount || _disposed != 0)
        {
            info = default;
            return false;
        }
        SlotEntry* entry = Entry(slot);
        if (Volatile.Read(ref entry->Sequence) != sequence)
        {
            info = default;
            return false;
        }
        info = new FrameInfo(entry->Width, entry->Height, entry->Stride, (PixelFormat)entry->Format, entry->TimestampMs,
                             (int)Math.Min((uint)entry->Length, (uint)SlotCapacity));
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref entry->Sequence) == sequence;
    }

    /// <summary>Unmaps the ring (never unlinks). Leases still held are left to the owner to reclaim.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _mapping.Dispose();
        }
    }

    private SlotEntry* Entry(int slot) => (SlotEntry*)(_slots + (long)slot * RingLayout.SlotEntrySize);
}
