using System.Runtime.InteropServices;

namespace Valkka.Bench;

/// <summary>CPU time (user + system) of this process, of the calling thread, or of another process.</summary>
public static partial class CpuClock
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;
    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        // ru_maxrss ... ru_nivcsw: 14 longs we do not read.
        public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out Rusage usage);

    private static TimeSpan Get(int who)
    {
        if (getrusage(who, out var u) != 0)
            throw new InvalidOperationException($"getrusage({who}) failed: errno {Marshal.GetLastPInvokeError()}");
        long micros = (u.UserSeconds + u.SystemSeconds) * 1_000_000 + u.UserMicros + u.SystemMicros;
        return TimeSpan.FromMicroseconds(micros);
    }

    /// <summary>CPU of every thread of this process (GC, Akka dispatchers, ...).</summary>
    public static TimeSpan Process() => Get(RusageSelf);

    /// <summary>CPU of the calling thread only.</summary>
    public static TimeSpan Thread() => Get(RusageThread);

    /// <summary>CPU of this process's children that have been waited for.</summary>
    public static TimeSpan ReapedChildren() => Get(RusageChildren);

    /// <summary>CPU of a live process from /proc/PID/stat (utime + stime), or null when it is gone.</summary>
    public static TimeSpan? OfProcess(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name (field 2) may hold spaces: fields resume after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        long ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    private static readonly long ClockTicksPerSecond = sysconf(2 /* _SC_CLK_TCK */) is > 0 and var t ? t : 100;

    [LibraryImport("libc")]
    private static partial long sysconf(int name);
}
