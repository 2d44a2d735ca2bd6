using System.Globalization;

namespace Valkka.Shm;

/// <summary>
/// Tells a live process from a dead one or from a reused pid, by the start time Linux records
/// in field 22 of /proc/PID/stat (clock ticks since boot).
/// </summary>
public static class ProcessIdentity
{
    private static readonly Lazy<long> OwnStartTime =
        new(() => ReadStartTime(Environment.ProcessId)
                  ?? throw new InvalidOperationException("Cannot read this process's start time from /proc/self/stat."));

    public static int CurrentPid => Environment.ProcessId;

    public static long CurrentStartTime => OwnStartTime.Value;

    /// <summary>True when pid runs and started at startTime (a zombie counts as dead).</summary>
    public static bool IsAlive(int pid, long startTime)
    {
        if (pid <= 0)
        {
            return false;
        }
        var stat = ReadStat(pid);
        return stat is { } s && s.State is not ('Z' or 'X' or 'x') && s.StartTime == startTime;
    }

    /// <summary>Describes why the owner is not alive, for messages.</summary>
    public static string DescribeOwner(int pid, long startTime)
    {
        var stat = ReadStat(pid);
        if (stat is null)
        {
            return $"owner process {pid} is gone";
        }
        if (stat.Value.State is 'Z' or 'X' or 'x')
        {
            return $"owner process {pid} has exited (zombie)";
        }
        if (stat.Value.StartTime != startTime)
        {
            return $"owner process {pid} is gone (the pid now belongs to another process: start time " +
                   $"{stat.Value.StartTime}, ring says {startTime})";
        }
        return $"owner process {pid} is alive";
    }

    public static long? ReadStartTime(int pid) => ReadStat(pid)?.StartTime;

    private static (char State, long StartTime)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0].Length == 0 ||
            !long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long start))
        {
            return null;
        }
        return (fields[0][0], start);
    }
}
