using System.Globalization;

namespace Valkka.Nodes.Node;

/// <summary>
/// A process's identity as Linux records it: its pid plus its start time (field 22 of
/// /proc/PID/stat), so that a pid reused by another process is not mistaken for the original.
/// </summary>
public readonly record struct ProcStat(int Pid, long StartTime)
{
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length) return null;
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] is "Z" or "X" or "x") return null;
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new ProcStat(pid, start)
            : null;
    }

    /// <summary>True while the same process (same pid and start time) is alive and not a zombie.</summary>
    public bool IsAlive() => Read(Pid) is { } now && now.StartTime == StartTime;
}
