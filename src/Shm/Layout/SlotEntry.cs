using System.Runtime.InteropServices;

namespace Valkka.Shm.Layout;

/// <summary>
/// One slot of the slot table. Sequence: 0 = empty, odd = being written, even = stable frame.
/// LeaseMask: one bit per reader index. LeaseTicks (at <see cref="LeaseTicksOffset"/>): per reader,
/// the <see cref="System.Diagnostics.Stopwatch"/> timestamp (CLOCK_MONOTONIC ns, the same clock in
/// every process) written by the reader just before it sets its bit; the owner expires leases by it.
/// StreamFrameIndexPlusOne and CommitTicks sit in what was padding: readers that do not know them are unaffected.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = RingLayout.SlotEntrySize)]
internal struct SlotEntry
{
    public const int LeaseTicksOffset = 64;

    [FieldOffset(0)] public long Sequence;
    [FieldOffset(8)] public ulong LeaseMask;
    [FieldOffset(16)] public int Width;
    [FieldOffset(20)] public int Height;
    [FieldOffset(24)] public int Stride;
    [FieldOffset(28)] public int Format;
    [FieldOffset(32)] public long TimestampMs;
    [FieldOffset(40)] public int Length;
    /// <summary>The frame's stream frame index + 1 (0: none given, as in a slot written by an older writer).</summary>
    [FieldOffset(48)] public long StreamFrameIndexPlusOne;
    /// <summary>The Stopwatch timestamp (CLOCK_MONOTONIC ns) of the commit (0: not known, as in a slot written by an older writer).</summary>
    [FieldOffset(56)] public long CommitTicks;
}
