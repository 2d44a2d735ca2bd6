using System.Diagnostics;
using System.Numerics;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// One mapping of a ring file and the slot protocol every ring kind shares: slot entries and
/// payloads, claiming a slot for writing and publishing it (optionally already leased), leasing and
/// releasing as a reader, lease reclamation, and the doorbell. The frame ring and the message queue
/// decide which slot to write and read; this decides how. The owner's table (<see cref="Create"/>)
/// unlinks the file on Dispose; an attached one only unmaps.
/// </summary>
/// <remarks>
/// Both sides fence before they check the other (Dekker): the writer sets the sequence odd with a
/// full fence and then re-checks the lease mask; a reader sets its lease bit with a full fence and
/// then checks the sequence. So either the writer sees the bit or the reader sees the odd sequence.
/// </remarks>
internal sealed unsafe class SlotTable : IDisposable
{
    private readonly RingMapping _mapping;
    private readonly byte* _slots;
    private readonly byte* _payload;
    private readonly long* _claims;
    private readonly long _slotStride;
    private readonly bool _owned;
    private long _written; // owner's table only: entries it published
    private long _dropped;
    private int _disposed;

    private SlotTable(string path, RingMapping mapping, RingLayout layout, bool owned)
    {
        Path = path;
        _mapping = mapping;
        _owned = owned;
        Header = (RingHeader*)mapping.Base;
        _slots = mapping.Base + layout.SlotTableOffset;
        _payload = mapping.Base + layout.PayloadOffset;
        _claims = (long*)(mapping.Base + layout.ClaimTableOffset);
        _slotStride = layout.SlotStride;
        SlotCount = layout.SlotCount;
        SlotCapacity = layout.SlotCapacity;
        OwnerPid = Header->OwnerPid;
        OwnerStartTime = Header->OwnerStartTime;
        CreatedUnixMs = Header->CreatedUnixMs;
    }

    /// <summary>Creates the ring file at path (see <see cref="RingCreator"/>) and maps it as its owner.</summary>
    public static SlotTable Create(string path, int slotCount, int slotCapacity)
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
        return new SlotTable(path, RingCreator.Create(path, layout), layout, owned: true);
    }

    /// <summary>Maps the ring at path (pre-faulted) for reader readerIndex, if its owner is alive.</summary>
    /// <exception cref="RingException">NotFound, BadMagic, VersionMismatch, OwnerDead, InvalidArgument (reader index).</exception>
    public static SlotTable Attach(string path, int readerIndex)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckReaderIndex(readerIndex, path);
        return Attach(path);
    }

    /// <summary>Maps the ring at path (pre-faulted), if its owner is alive; the reader index is decided later (a claim).</summary>
    public static SlotTable Attach(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = RingPaths.Describe(path);
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
            var header = RingFile.ReadHeader(stream.SafeFileHandle);
            var layout = RingFile.Validate(path, header, stream.Length);
            var h = header!.Value;
            if (!ProcessIdentity.IsAlive(h.OwnerPid, h.OwnerStartTime))
            {
                throw new RingException(RingErrorKind.OwnerDead,
                    $"Ring {name} is stale: its {ProcessIdentity.DescribeOwner(h.OwnerPid, h.OwnerStartTime)}.");
            }
            return new SlotTable(path, RingMapping.Map(stream.SafeFileHandle, layout.TotalSize, path), layout, owned: false);
        }
    }

    /// <summary>Throws unless readerIndex is 0..63.</summary>
    public static void CheckReaderIndex(int readerIndex, string path)
    {
        if ((uint)readerIndex >= RingLayout.MaxReaders)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"Ring {RingPaths.Describe(path)}: reader index {readerIndex} is outside 0..{RingLayout.MaxReaders - 1}.");
        }
    }

    public string Path { get; }

    public RingHeader* Header { get; }

    public int SlotCount { get; }

    public int SlotCapacity { get; }

    public int OwnerPid { get; }

    public long OwnerStartTime { get; }

    /// <summary>When the ring file was created (Unix ms), as its header said when it was mapped.</summary>
    public long CreatedUnixMs { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The header's doorbell; throws once this table is unmapped.</summary>
    public RingDoorbell Doorbell
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return new RingDoorbell(Header);
        }
    }

    /// <summary>Throws unless slot is 0..SlotCount-1; returns it.</summary>
    public int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), $"Slot {slot} is outside 0..{SlotCount - 1}.");
        }
        return slot;
    }

    public SlotEntry* Entry(int slot) => (SlotEntry*)(_slots + (long)slot * RingLayout.SlotEntrySize);

    public byte* Payload(int slot) => _payload + slot * _slotStride;

    /// <summary>Where slot's payload lies in the ring file.</summary>
    public long PayloadFileOffset(int slot) => _payload - _mapping.Base + slot * _slotStride;

    /// <summary>The claim word of a reader index (<see cref="ReaderClaims"/>).</summary>
    public long* Claim(int readerIndex) => _claims + readerIndex;

    public static long* LeaseTicks(SlotEntry* entry) => (long*)((byte*)entry + SlotEntry.LeaseTicksOffset);

    /// <summary>The entry's length, never beyond the slot (even for a corrupt entry).</summary>
    public int LengthOf(SlotEntry* entry) => (int)Math.Min((uint)entry->Length, (uint)SlotCapacity);

    /// <summary>
    /// The highest sequence the owner can have published so far, by the header's written count (two
    /// per entry, one more being published); a larger one was not written by the owner.
    /// </summary>
    public long SequenceLimit
    {
        get
        {
            long written = Volatile.Read(ref Header->FramesWritten);
            return (ulong)written < long.MaxValue / 2 ? 2 * (written + 1) : long.MaxValue; // garbage: no limit until the next publish
        }
    }

    /// <summary>The (even) sequence the owner's next publish gets: the n-th published entry has 2n.</summary>
    public long NextSequence => 2 * (_written + 1);

    /// <summary>
    /// Owner: marks slot being written (odd sequence) if no reader holds it. False when a lease is
    /// set, before or during the claim (then the slot keeps its entry).
    /// </summary>
    public bool TryClaim(int slot)
    {
        SlotEntry* entry = Entry(slot);
        if (Volatile.Read(ref entry->LeaseMask) != 0)
        {
            return false;
        }
        long previous = entry->Sequence; // only the owner writes sequences
        Interlocked.Exchange(ref entry->Sequence, NextSequence - 1); // full fence before the re-check
        if (Volatile.Read(ref entry->LeaseMask) != 0)
        {
            // A reader leased it in between; nothing was written, so its entry is still good.
            Volatile.Write(ref entry->Sequence, previous);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Owner: publishes the claimed slot (payload and metadata written) with the next sequence,
    /// leased already for the readers in leasedFor (bit i = reader i; lease timestamps and bits set
    /// before the sequence), counts it and rings the doorbell. Returns the sequence.
    /// </summary>
    public long Publish(int slot, ulong leasedFor)
    {
        SlotEntry* entry = Entry(slot);
        if (leasedFor != 0)
        {
            long now = Stopwatch.GetTimestamp();
            for (ulong readers = leasedFor; readers != 0; readers &= readers - 1)
            {
                LeaseTicks(entry)[BitOperations.TrailingZeroCount(readers)] = now;
            }
            Interlocked.Or(ref entry->LeaseMask, leasedFor);
        }
        long sequence = NextSequence;
        Volatile.Write(ref entry->Sequence, sequence); // release: payload and metadata before the sequence
        _written++;
        Volatile.Write(ref Header->FramesWritten, _written);
        new RingDoorbell(Header).Ring(slot, sequence);
        return sequence;
    }

    /// <summary>Owner: gives a claimed slot back unpublished; its old entry may be half overwritten, so it is marked empty.</summary>
    public void MarkEmpty(int slot) => Volatile.Write(ref Entry(slot)->Sequence, 0);

    /// <summary>Owner: counts an entry that found no free slot.</summary>
    public void CountDropped()
    {
        _dropped++;
        Volatile.Write(ref Header->FramesDropped, _dropped);
    }

    /// <summary>
    /// Reader: sets readerIndex's lease on slot if it still holds sequence (an even one); otherwise
    /// leaves no lease and returns false.
    /// </summary>
    public bool TryLease(int slot, long sequence, int readerIndex)
    {
        SlotEntry* entry = Entry(slot);
        ulong bit = 1UL << readerIndex;
        LeaseTicks(entry)[readerIndex] = Stopwatch.GetTimestamp();
        Interlocked.Or(ref entry->LeaseMask, bit); // full fence before checking the sequence
        if (sequence <= 0 || (sequence & 1) != 0 || Volatile.Read(ref entry->Sequence) != sequence)
        {
            Interlocked.And(ref entry->LeaseMask, ~bit);
            return false;
        }
        return true;
    }

    /// <summary>True while readerIndex's lease bit on slot is set.</summary>
    public bool IsLeased(int slot, int readerIndex) => (Volatile.Read(ref Entry(slot)->LeaseMask) & (1UL << readerIndex)) != 0;

    /// <summary>Reader: ends readerIndex's lease on slot; the owner may rewrite the slot afterwards.</summary>
    public void Release(int slot, int readerIndex) => Interlocked.And(ref Entry(slot)->LeaseMask, ~(1UL << readerIndex));

    /// <summary>Unmaps; the owner's table also unlinks the file (readers that map it keep their mapping).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_owned)
        {
            File.Delete(Path);
        }
        _mapping.Dispose();
    }
}
