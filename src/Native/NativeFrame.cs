using System.Runtime.InteropServices;

namespace Valkka.Native;

/// <summary>valkka_frame of include/valkka.h: a leased frame as C sees it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeFrame
{
    public byte* Data;
    /// <summary>Data's offset in the ring file, for a process that maps the file itself (Python's numpy views).</summary>
    public long Offset;
    public long Sequence;
    public long FrameIndex;
    public long CaptureTimeMs;
    public long CommitTicks;
    public int Slot;
    public int Width;
    public int Height;
    public int Stride;
    public int Format;
    public int Length;
}
