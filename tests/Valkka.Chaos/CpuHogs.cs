using Valkka.TestSupport;

namespace Valkka.Chaos;

/// <summary>
/// Busy loops (`sh -c 'while :; do :; done'`, one process each) that load the machine while a chaos
/// run goes on, as the goals are stated under two of them; killed (by pid) when disposed.
/// </summary>
public sealed class CpuHogs : IDisposable
{
    private readonly List<ChildProcess> _loops = [];

    public CpuHogs(int count)
    {
        for (var i = 0; i < count; i++) _loops.Add(ChildProcess.Start("sh", ["-c", "while :; do :; done"]));
    }

    public int Count => _loops.Count;

    /// <summary>The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg says.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    public void Dispose()
    {
        foreach (var loop in _loops) loop.Dispose();
        _loops.Clear();
    }
}
