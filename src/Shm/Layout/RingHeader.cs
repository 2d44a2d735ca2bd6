using System.Runtime.InteropServices;

namespace Valkka.Shm.Layout;

/// <summary>
/// The ring header at offset 0 of the file. Magic, version and the owner identity keep their offsets
/// in every layout version, so the sweeper can judge rings of any version.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = RingLayout.HeaderSize)]
internal struct RingHeader
{
    [FieldOffset(0)] public ulong Magic;
    [FieldOffset(8)] public int Version;
    [FieldOffset(12)] public int HeaderSize;
    [FieldOffset(16)] public int SlotCount;
    [FieldOffset(20)] public int SlotCapacity;
    [FieldOffset(24)] public int SlotEntrySize;
    [FieldOffset(28)] public int OwnerPid;
    /// <summary>Owner's start time, field 22 of /proc/PID/stat (clock ticks since boot).</summary>
    [FieldOffset(32)] public long OwnerStartTime;
    [FieldOffset(40)] public long PayloadOffset;
    [FieldOffset(48)] public long SlotStride;
    [FieldOffset(56)] public long TotalSize;
    // Counters on their own cache line: written by the owner once per frame.
    [FieldOffset(64)] public long FramesWritten;
    [FieldOffset(72)] public long FramesDropped;
    /// <summary>Reader indices the owner has handed out (informational, for status tools).</summary>
    [FieldOffset(80)] public ulong ReaderMask;
    [FieldOffset(88)] public long CreatedUnixMs;
    /// <summary>Futex word: the owner adds 1 after every commit (wraps). Readers sleep on it.</summary>
    [FieldOffset(96)] public int Doorbell;
    /// <summary>Readers asleep on <see cref="Doorbell"/>: the owner makes the wake-up call only when this is not 0.</summary>
    [FieldOffset(100)] public int DoorbellWaiters;
    /// <summary>The newest committed frame: sequence &lt;&lt; 16 | slot (0 before the first commit).</summary>
    [FieldOffset(104)] public long LatestFrame;
}
