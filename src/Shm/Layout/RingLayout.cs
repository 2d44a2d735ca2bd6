namespace Valkka.Shm.Layout;

/// <summary>
/// Sizes and offsets of a ring file: header (128 bytes), slot table (576 bytes a slot: 64 bytes of
/// metadata + 64 lease timestamps), reader claims (one 8-byte word per reader index, see
/// <see cref="ReaderClaims"/>), then page-aligned payloads of <see cref="SlotStride"/> bytes.
/// </summary>
internal readonly record struct RingLayout(int SlotCount, int SlotCapacity)
{
    public const ulong Magic = 0x00474E49524B4C56; // "VLKRING\0" little-endian
    public const int Version = 3; // 2: doorbell and latest frame in the header; 3: reader claims
    public const int HeaderSize = 128;
    public const int SlotEntrySize = 576;
    public const int PageSize = 4096;
    public const int MaxReaders = 64;
    public const int MaxSlots = 65536;

    public long SlotTableOffset => HeaderSize;
    public long ClaimTableOffset => HeaderSize + (long)SlotCount * SlotEntrySize;
    public long PayloadOffset => AlignUp(ClaimTableOffset + MaxReaders * sizeof(long));
    public long SlotStride => AlignUp(SlotCapacity);
    public long TotalSize => PayloadOffset + SlotCount * SlotStride;

    private static long AlignUp(long value) => (value + PageSize - 1) & ~(long)(PageSize - 1);
}
