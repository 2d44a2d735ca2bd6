using System.Diagnostics;
using System.Numerics;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The owner side of a ring: creates the file, writes frames (one writing thread), hands out reader
/// indices and reclaims their leases. Dispose unmaps and unlinks the file.
/// </summary>
/// <remarks>
/// Protocol (Dekker-style; both sides fence before they check the other):
/// the writer picks a slot whose lease mask is 0, sets its sequence odd with a full fence, then
/// re-checks the mask (a reader got in: put the sequence back and try the next slot); it writes
/// pixels and metadata and publishes the next even sequence. A reader sets its lease bit with a full
/// fence and then checks the sequence. So either the writer sees the reader's bit or the reader sees
/// the odd sequence: a reader never reads a frame being written, a writer never waits.
/// Sequences are unique in the ring: the n-th committed frame gets 2n; 0 means empty.
/// </remarks>
public sealed unsafe class FrameRingWriter : IDisposable
{
    private readonly RingMapping _mapping;
    private readonly RingHeader* _header;
    private readonly byte* _slots;
    private readonly byte* _payload;
    private readonly long _slotStride;
    private readonly object _readersLock = new();
    private ulong _readers;
    private int _cursor;
    private long _framesWritten;
    private long _framesDropped;
    private int _writingSlot = -1;
    private bool _disposed;

    private FrameRingWriter(string path, RingMapping mapping, RingLayout layout)
    {
        Path = path;
        _mapping = mapping;
        _header = (RingHeader*)mapping.Base;
        _slots = mapping.Base + layout.SlotTableOffset;
        _payload = mapping.Base + layout.PayloadOffset;
        _slotStride = layout.SlotStride;
        SlotCount = layout.SlotCount;
        SlotCapacity = layout.SlotCapacity;
    }

    /// <summary>
    /// Creates <c>/dev/shm/valkka.&lt;topology&gt;.&lt;ring&gt;</c> (mode 0600, space reserved and pre-faulted).
    /// A leftover ring of a dead owner with that name is replaced.
    /// </summary>
    /// <exception cref="RingException">Bad names or sizes (InvalidArgument), not enough room in /dev/shm
    /// (NoSpace, with the bytes needed and free), a live owner already has the ring (AlreadyExists).</exception>
    public static FrameRingWriter Create(string topology, string ring, int slotCount, int slotCapacity)
    {
        string path = RingPaths.For(topology, ring);
        return CreateAt(path, slotCount, slotCapacity);
    }

    /// <summary>Creates a ring at an explicit path (tests, other shm directories).</summary>
    public static FrameRingWriter CreateAt(string path, int slotCount, int slotCapacity)
    {
        if (slotCount is < 1 or > RingLayout.MaxSlots)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"Ring {RingPaths.Describe(path)}: slot count {slotCount} is outside 1..{RingLayout.MaxSlots}.");
        }
        if (slotCapacity < 1)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"Ring {RingPaths.Describe(path)}: slot capacity {slotCapacity} must be at least 1 byte.");
        }
        var layout = new RingLayout(slotCount, slotCapacity);
        var mapping = RingCreator.Create(path, layout);
        return new FrameRingWriter(path, mapping, layout);
    }

    public string Path { get; }

    public int SlotCount { get; }

    public int SlotCapacity { get; }

    public long FramesWritten => Volatile.Read(ref _header->FramesWritten);

    public long FramesDropped => Volatile.Read(ref _header->FramesDropped);

    /// <summary>Reader indices currently handed out (bit i = index i).</summary>
    public ulong RegisteredReaders => Volatile.Read(ref _readers);

    /// <summary>
    /// Picks a free slot (no leases) and marks it being written. False when every slot is leased:
    /// the frame is counted as dropped and the caller skips it (never waits).
    /// </summary>
    public bool TryBeginWrite(out SlotWriter slot)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writingSlot >= 0)
        {
            throw new InvalidOperationException(
                $"Ring {RingPaths.Describe(Path)}: slot {_writingSlot} is being written; Commit or Abort it first.");
        }
        long writingSequence = 2 * _framesWritten + 1;
        int count = SlotCount;
        for (int i = 0; i < count; i++)
        {
            int index = _cursor;
            _cursor = index + 1 == count ? 0 : index + 1;
            SlotEntry* entry = Entry(index);
            if (Volatile.Read(ref entry->LeaseMask) != 0)
            {
                continue;
            }
            long previous = entry->Sequence; // only this thread writes sequences
            Interlocked.Exchange(ref entry->Sequence, writingSequence); // full fence before the re-check
            if (Volatile.Read(ref entry->LeaseMask) != 0)
            {
                // A reader leased it in between; nothing was written, so its frame is still good.
                Volatile.Write(ref entry->Sequence, previous);
                continue;
            }
            _writingSlot = index;
            slot = new SlotWriter(index, _payload + index * _slotStride, SlotCapacity, writingSequence + 1);
            return true;
        }
        _framesDropped++;
        Volatile.Write(ref _header->FramesDropped, _framesDropped);
        slot = default;
        return false;
    }

    /// <summary>Publishes the frame written into slot.Data; returns the slot's new (even) sequence.</summary>
    public long Commit(in SlotWriter slot, in FrameInfo info) => Commit(slot, info, 0);

    /// <summary>
    /// Publishes the frame already leased for the readers in leasedFor (bit i = reader index i), as
    /// if each had leased it: the slot is not rewritten until every one of them released it. A queue
    /// that must not lose an entry before its reader took it (see <see cref="FrameRingReader.TryTakeLeased"/>).
    /// </summary>
    public long Commit(in SlotWriter slot, in FrameInfo info, ulong leasedFor)
    {
        ThrowIfNotWriting(slot.Slot);
        if ((uint)info.Length > (uint)SlotCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(info),
                $"Ring {RingPaths.Describe(Path)}: frame length {info.Length} is outside 0..{SlotCapacity}.");
        }
        SlotEntry* entry = Entry(slot.Slot);
        entry->Width = info.Width;
        entry->Height = info.Height;
        entry->Stride = info.Stride;
        entry->Format = (int)info.Format;
        entry->TimestampMs = info.TimestampMs;
        entry->Length = info.Length;
        if (leasedFor != 0)
        {
            long now = Stopwatch.GetTimestamp();
            for (ulong readers = leasedFor; readers != 0; readers &= readers - 1)
            {
                LeaseTicks(entry)[BitOperations.TrailingZeroCount(readers)] = now;
            }
            Interlocked.Or(ref entry->LeaseMask, leasedFor);
        }
        long sequence = 2 * (_framesWritten + 1);
        Volatile.Write(ref entry->Sequence, sequence); // release: pixels and metadata before the sequence
        _framesWritten++;
        Volatile.Write(ref _header->FramesWritten, _framesWritten);
        _writingSlot = -1;
        RingDoorbell(slot.Slot, sequence);
        return sequence;
    }

    /// <summary>
    /// Announces the frame to readers asleep on the ring (<see cref="FrameRingReader.WaitForFrame"/>).
    /// The increment is a full fence before the waiters check; a reader counts itself a waiter before
    /// it re-checks the doorbell, so either the wake-up call is made or the reader sees the new value.
    /// </summary>
    private void RingDoorbell(int slot, long sequence)
    {
        Volatile.Write(ref _header->LatestFrame, FrameAnnouncement.Pack(slot, sequence));
        Interlocked.Increment(ref _header->Doorbell);
        if (Volatile.Read(ref _header->DoorbellWaiters) != 0)
        {
            Native.Futex.WakeAll(&_header->Doorbell);
        }
    }

    /// <summary>Gives the slot back without publishing (e.g. the decoder failed mid-frame).</summary>
    public void Abort(in SlotWriter slot)
    {
        ThrowIfNotWriting(slot.Slot);
        // The payload may be half overwritten: the old frame is gone, mark the slot empty.
        Volatile.Write(ref Entry(slot.Slot)->Sequence, 0);
        _writingSlot = -1;
    }

    /// <summary>Hands out the lowest free reader index (0..63).</summary>
    /// <exception cref="RingException">ReadersExhausted when all 64 are in use.</exception>
    public int RegisterReader()
    {
        lock (_readersLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_readers == ulong.MaxValue)
            {
                throw new RingException(RingErrorKind.ReadersExhausted,
                    $"Ring {RingPaths.Describe(Path)} has all {RingLayout.MaxReaders} reader indices in use.");
            }
            int index = BitOperations.TrailingZeroCount(~_readers);
            ClearLeases(index); // leftovers of an earlier holder of this index
            Volatile.Write(ref _readers, _readers | (1UL << index));
            Volatile.Write(ref _header->ReaderMask, _readers);
            return index;
        }
    }

    /// <summary>Frees a reader index and clears its leases.</summary>
    public void UnregisterReader(int readerIndex)
    {
        CheckReaderIndex(readerIndex);
        lock (_readersLock)
        {
            if (_disposed)
            {
                return;
            }
            ClearLeases(readerIndex);
            Volatile.Write(ref _readers, _readers & ~(1UL << readerIndex));
            Volatile.Write(ref _header->ReaderMask, _readers);
        }
    }

    /// <summary>Clears every lease of a reader index (e.g. the reader died); returns how many.</summary>
    public int ClearLeases(int readerIndex)
    {
        CheckReaderIndex(readerIndex);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ulong bit = 1UL << readerIndex;
        int cleared = 0;
        for (int i = 0; i < SlotCount; i++)
        {
            SlotEntry* entry = Entry(i);
            if ((Volatile.Read(ref entry->LeaseMask) & bit) != 0 &&
                (Interlocked.And(ref entry->LeaseMask, ~bit) & bit) != 0)
            {
                cleared++;
            }
        }
        return cleared;
    }

    /// <summary>
    /// Clears leases held longer than olderThan, judged by the timestamp each reader writes into the
    /// slot table when it leases. Returns how many were cleared.
    /// </summary>
    /// <remarks>A lease released and taken again by the same reader between this method's read of the
    /// mask and of the timestamp could be cleared although fresh; that needs a reader that already
    /// overran the timeout, which is what expiry is for.</remarks>
    public int ExpireLeases(TimeSpan olderThan)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long limit = (long)(olderThan.TotalSeconds * Stopwatch.Frequency);
        long now = Stopwatch.GetTimestamp();
        int cleared = 0;
        for (int i = 0; i < SlotCount; i++)
        {
            SlotEntry* entry = Entry(i);
            ulong mask = Volatile.Read(ref entry->LeaseMask);
            while (mask != 0)
            {
                int reader = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                long leasedAt = Volatile.Read(ref LeaseTicks(entry)[reader]);
                if (now - leasedAt > limit)
                {
                    ulong bit = 1UL << reader;
                    if ((Interlocked.And(ref entry->LeaseMask, ~bit) & bit) != 0)
                    {
                        cleared++;
                    }
                }
            }
        }
        return cleared;
    }

    /// <summary>The lease bits of a slot (diagnostics).</summary>
    public ulong GetLeaseMask(int slot) => Volatile.Read(ref Entry(CheckSlot(slot))->LeaseMask);

    /// <summary>The sequence a slot holds: 0 empty, odd being written, even a stable frame (diagnostics).</summary>
    public long GetSequence(int slot) => Volatile.Read(ref Entry(CheckSlot(slot))->Sequence);

    /// <summary>Unmaps and unlinks the ring file. Readers that still map it keep their mapping.</summary>
    public void Dispose()
    {
        lock (_readersLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        File.Delete(Path);
        _mapping.Dispose();
    }

    internal static long* LeaseTicks(SlotEntry* entry) => (long*)((byte*)entry + SlotEntry.LeaseTicksOffset);

    private SlotEntry* Entry(int slot) => (SlotEntry*)(_slots + (long)slot * RingLayout.SlotEntrySize);

    private int CheckSlot(int slot)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)slot >= (uint)SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), $"Slot {slot} is outside 0..{SlotCount - 1}.");
        }
        return slot;
    }

    private void ThrowIfNotWriting(int slot)
    {
        if (_writingSlot < 0 || slot != _writingSlot)
        {
            throw new InvalidOperationException(
                $"Ring {RingPaths.Describe(Path)}: slot {slot} is not being written (call TryBeginWrite first).");
        }
    }

    private static void CheckReaderIndex(int readerIndex)
    {
        if ((uint)readerIndex >= RingLayout.MaxReaders)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"Reader index {readerIndex} is outside 0..{RingLayout.MaxReaders - 1}.");
        }
    }
}
