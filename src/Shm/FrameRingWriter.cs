using System.Diagnostics;
using System.Numerics;
using Valkka.Shm.Layout;

namespace Valkka.Shm;

/// <summary>
/// The owner side of a frame ring: creates the file, writes frames (one writing thread), hands out
/// reader indices and reclaims their leases. Dispose unmaps and unlinks the file.
/// </summary>
/// <remarks>
/// The writer takes the next slot in rotation that no reader leases (<see cref="SlotTable.TryClaim"/>)
/// and never waits: when every slot is leased the frame is dropped and counted. A reader never reads
/// a frame being written. Sequences are unique in the ring: the n-th committed frame gets 2n; 0 means empty.
/// </remarks>
public sealed unsafe class FrameRingWriter : IDisposable
{
    private readonly SlotTable _table;
    private readonly object _readersLock = new();
    private ulong _readers;
    private int _cursor;
    private int _writingSlot = -1;
    private bool _disposed;

    private readonly long _ownerClaim = ReaderClaims.OwnWord(ReaderClaims.HandedByOwner);

    private FrameRingWriter(SlotTable table) => _table = table;

    /// <summary>
    /// Creates <c>/dev/shm/valkka.&lt;topology&gt;.&lt;ring&gt;</c> (mode 0600, space reserved and pre-faulted).
    /// A leftover ring of a dead owner with that name is replaced.
    /// </summary>
    /// <exception cref="RingException">Bad names or sizes (InvalidArgument), not enough room in /dev/shm
    /// (NoSpace, with the bytes needed and free), a live owner already has the ring (AlreadyExists).</exception>
    public static FrameRingWriter Create(string topology, string ring, int slotCount, int slotCapacity) =>
        CreateAt(RingPaths.For(topology, ring), slotCount, slotCapacity);

    /// <summary>Creates a ring at an explicit path (tests, other shm directories).</summary>
    public static FrameRingWriter CreateAt(string path, int slotCount, int slotCapacity) =>
        new(SlotTable.Create(path, slotCount, slotCapacity));

    public string Path => _table.Path;

    public int SlotCount => _table.SlotCount;

    public int SlotCapacity => _table.SlotCapacity;

    public long FramesWritten => Volatile.Read(ref _table.Header->FramesWritten);

    public long FramesDropped => Volatile.Read(ref _table.Header->FramesDropped);

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
        int count = SlotCount;
        for (int i = 0; i < count; i++)
        {
            int index = _cursor;
            _cursor = index + 1 == count ? 0 : index + 1;
            if (_table.TryClaim(index))
            {
                _writingSlot = index;
                slot = new SlotWriter(index, _table.Payload(index), SlotCapacity, _table.NextSequence);
                return true;
            }
        }
        _table.CountDropped();
        slot = default;
        return false;
    }

    /// <summary>
    /// Publishes the frame written into slot.Data, stamped with the time of the commit (info.CommitTicks
    /// is ignored); returns the slot's new (even) sequence.
    /// </summary>
    public long Commit(in SlotWriter slot, in FrameInfo info)
    {
        ThrowIfNotWriting(slot.Slot);
        if ((uint)info.Length > (uint)SlotCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(info),
                $"Ring {RingPaths.Describe(Path)}: frame length {info.Length} is outside 0..{SlotCapacity}.");
        }
        SlotEntry* entry = _table.Entry(slot.Slot);
        entry->Width = info.Width;
        entry->Height = info.Height;
        entry->Stride = info.Stride;
        entry->Format = (int)info.Format;
        entry->TimestampMs = info.TimestampMs;
        entry->Length = info.Length;
        entry->StreamFrameIndexPlusOne = info.StreamFrameIndex < 0 ? 0 : info.StreamFrameIndex + 1;
        entry->CommitTicks = Stopwatch.GetTimestamp();
        _writingSlot = -1;
        return _table.Publish(slot.Slot, leasedFor: 0);
    }

    /// <summary>Gives the slot back without publishing (e.g. the decoder failed mid-frame).</summary>
    public void Abort(in SlotWriter slot)
    {
        ThrowIfNotWriting(slot.Slot);
        _table.MarkEmpty(slot.Slot);
        _writingSlot = -1;
    }

    /// <summary>
    /// Hands out the lowest free reader index (0..63): one that neither this owner nor a standalone
    /// reader (<see cref="FrameRingReader.AttachStandalone"/>) holds. Indices of standalone readers
    /// whose process died are reclaimed first when none is free.
    /// </summary>
    /// <exception cref="RingException">ReadersExhausted when all 64 are in use.</exception>
    public int RegisterReader()
    {
        lock (_readersLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int index = ReaderClaims.ClaimOrReclaim(_table, _ownerClaim, _readers);
            Volatile.Write(ref _readers, _readers | (1UL << index));
            Volatile.Write(ref _table.Header->ReaderMask, _readers);
            return index;
        }
    }

    /// <summary>Frees a reader index and clears its leases.</summary>
    public void UnregisterReader(int readerIndex)
    {
        SlotTable.CheckReaderIndex(readerIndex, Path);
        lock (_readersLock)
        {
            if (_disposed || (_readers & (1UL << readerIndex)) == 0)
            {
                return;
            }
            ClearLeases(readerIndex);
            ReaderClaims.Free(_table, readerIndex, _ownerClaim);
            Volatile.Write(ref _readers, _readers & ~(1UL << readerIndex));
            Volatile.Write(ref _table.Header->ReaderMask, _readers);
        }
    }

    /// <summary>Reader indices standalone readers hold now (bit i = index i), live or not yet reclaimed.</summary>
    public ulong StandaloneReaders
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReaderClaims.Standalone(_table);
        }
    }

    /// <summary>
    /// Frees the reader indices of standalone readers whose process is gone (killed while it held
    /// leases, say) and clears their leases; returns how many. Reads /proc per standalone reader:
    /// call it on the owner's tick, with <see cref="ExpireLeases"/>.
    /// </summary>
    public int ReleaseDeadClaims()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReaderClaims.ReclaimDead(_table);
    }

    /// <summary>Clears every lease of a reader index (e.g. the reader died); returns how many.</summary>
    public int ClearLeases(int readerIndex)
    {
        SlotTable.CheckReaderIndex(readerIndex, Path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return LeaseReclaim.ClearLeases(_table, readerIndex);
    }

    /// <summary>
    /// Clears leases held longer than olderThan, judged by the timestamp each reader writes into the
    /// slot table when it leases. Returns how many were cleared.
    /// </summary>
    public int ExpireLeases(TimeSpan olderThan)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return LeaseReclaim.ExpireLeases(_table, olderThan);
    }

    /// <summary>
    /// The owner's check against garbage another process wrote into the ring (call it now and then,
    /// e.g. with <see cref="ExpireLeases"/>): restores the header's fixed fields (magic, version,
    /// geometry, owner) and clears lease bits of reader indices nobody was handed. Null when all was
    /// well; else what was wrong, in words (it is repaired).
    /// </summary>
    public string? CheckIntegrity()
    {
        lock (_readersLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            string? header = HeaderRepair.Repair(_table);
            if (Volatile.Read(ref _table.Header->ReaderMask) != _readers) Volatile.Write(ref _table.Header->ReaderMask, _readers);
            int claims = RepairOwnerClaims();
            long claimsReadAt = Stopwatch.GetTimestamp();
            int cleared = LeaseReclaim.ClearUnregistered(_table, _readers | ReaderClaims.Standalone(_table), claimsReadAt);
            string? leases = cleared == 0 ? null
                : $"Ring {RingPaths.Describe(Path)}: cleared {cleared} lease bit(s) of reader indices nobody was handed (garbage in the slot table).";
            string? claimWords = claims == 0 ? null
                : $"Ring {RingPaths.Describe(Path)}: restored {claims} reader claim(s) of the owner (garbage in the claim table).";
            string?[] parts = [header, leases, claimWords];
            return parts.Any(p => p is not null) ? string.Join(' ', parts.Where(p => p is not null)) : null;
        }
    }

    /// <summary>Puts the owner's claim words back where they were overwritten; frees owner words on indices it never handed out.</summary>
    private int RepairOwnerClaims()
    {
        int repaired = 0;
        for (int index = 0; index < RingLayout.MaxReaders; index++)
        {
            long* claim = _table.Claim(index);
            long word = Volatile.Read(ref *claim);
            bool handedOut = (_readers & (1UL << index)) != 0;
            if (handedOut && word != _ownerClaim)
            {
                Volatile.Write(ref *claim, _ownerClaim);
                repaired++;
            }
            else if (!handedOut && (word & ReaderClaims.HandedByOwner) != 0 && word >= 0 &&
                     Interlocked.CompareExchange(ref *claim, 0, word) == word)
            {
                repaired++;
            }
        }
        return repaired;
    }

    /// <summary>How long the oldest lease still set has been held (zero: no slot leased).</summary>
    public TimeSpan OldestLeaseAge()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long now = Stopwatch.GetTimestamp();
        long oldest = now;
        for (int i = 0; i < _table.SlotCount; i++)
        {
            SlotEntry* entry = _table.Entry(i);
            for (ulong mask = Volatile.Read(ref entry->LeaseMask); mask != 0; mask &= mask - 1)
                oldest = Math.Min(oldest, Volatile.Read(ref SlotTable.LeaseTicks(entry)[BitOperations.TrailingZeroCount(mask)]));
        }
        return Stopwatch.GetElapsedTime(oldest, now);
    }

    /// <summary>The lease bits of a slot (diagnostics).</summary>
    public ulong GetLeaseMask(int slot) => Volatile.Read(ref _table.Entry(CheckSlot(slot))->LeaseMask);

    /// <summary>The sequence a slot holds: 0 empty, odd being written, even a stable frame (diagnostics).</summary>
    public long GetSequence(int slot) => Volatile.Read(ref _table.Entry(CheckSlot(slot))->Sequence);

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
        _table.Dispose();
    }

    private int CheckSlot(int slot)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _table.CheckSlot(slot);
    }

    private void ThrowIfNotWriting(int slot)
    {
        if (_writingSlot < 0 || slot != _writingSlot)
        {
            throw new InvalidOperationException(
                $"Ring {RingPaths.Describe(Path)}: slot {slot} is not being written (call TryBeginWrite first).");
        }
    }
}
