using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Valkka.Media.Native;

/// <summary>
/// The AVIOInterruptCB state of one decoder: libavformat polls <see cref="Callback"/> while it
/// blocks (connect, open, read); it returns 1 on Stop() or when the current deadline has passed,
/// which makes the blocked call return AVERROR_EXIT. Lives in pinned memory.
/// </summary>
internal sealed unsafe class InterruptGuard
{
    [StructLayout(LayoutKind.Sequential)]
    private struct State
    {
        public int Stop;
        public int TimedOut;
        public long DeadlineMs;   // Environment.TickCount64; long.MaxValue = none
    }

    private readonly State[] _state = GC.AllocateArray<State>(1, pinned: true);

    public InterruptGuard() => _state[0].DeadlineMs = long.MaxValue;

    public void* Opaque => Unsafe.AsPointer(ref _state[0]);

    public static delegate* unmanaged[Cdecl]<void*, int> Callback => &Check;

    public bool StopRequested => Volatile.Read(ref _state[0].Stop) != 0;
    public bool TimedOut => Volatile.Read(ref _state[0].TimedOut) != 0;

    public void RequestStop() => Volatile.Write(ref _state[0].Stop, 1);

    /// <summary>Blocking calls from now on give up after timeout.</summary>
    public void Arm(TimeSpan timeout)
    {
        Volatile.Write(ref _state[0].TimedOut, 0);
        Volatile.Write(ref _state[0].DeadlineMs, Environment.TickCount64 + (long)timeout.TotalMilliseconds);
    }

    public void Disarm() => Volatile.Write(ref _state[0].DeadlineMs, long.MaxValue);

    /// <summary>Installs the callback into an AVFormatContext (before avformat_open_input).</summary>
    public void InstallInto(void* formatContext)
    {
        var cb = (void**)((byte*)formatContext + AvLayout.FormatContextInterruptCallback);
        cb[0] = Callback;
        cb[1] = Opaque;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Check(void* opaque)
    {
        var state = (State*)opaque;
        if (Volatile.Read(ref state->Stop) != 0) return 1;
        if (Environment.TickCount64 <= Volatile.Read(ref state->DeadlineMs)) return 0;
        Volatile.Write(ref state->TimedOut, 1);
        return 1;
    }
}
