using System.Runtime.InteropServices;

namespace Valkka.Media.Bench;

/// <summary>User + system CPU time from getrusage: of this process, or of its reaped children.</summary>
internal static partial class CpuTime
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal { public long Sec; public long Usec; }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public TimeVal User;
        public TimeVal System;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVCsw, NIvCsw;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out RUsage usage);

    private const int Self = 0, Children = -1;

    public static double SelfSeconds() => Read(Self);
    public static double ChildrenSeconds() => Read(Children);

    private static double Read(int who)
    {
        if (getrusage(who, out var u) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return u.User.Sec + u.User.Usec / 1e6 + u.System.Sec + u.System.Usec / 1e6;
    }
}
