using System.Runtime.InteropServices;

namespace Valkka.Native;

/// <summary>valkka_ring_info of include/valkka.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeRingInfo
{
    public long SlotCapacity;
    public long FramesWritten;
    public long FramesDropped;
    public int SlotCount;
    public int ReaderIndex;
    public int OwnerPid;
    public int Reserved;
}
