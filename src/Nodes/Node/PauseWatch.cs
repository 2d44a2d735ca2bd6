using System.Diagnostics;

namespace Valkka.Nodes.Node;

/// <summary>
/// Notices that this whole process did not run for longer than its peers' failure detector allows
/// (SIGSTOP, a VM or container paused): a thread wakes every 250 ms and compares the monotonic clock,
/// which runs on while the process is stopped. Past the limit the peers have declared this node
/// unreachable and quarantined it (and this node, on waking, quarantines them in turn), so the
/// node must make way for a new incarnation.
/// </summary>
public sealed class PauseWatch : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();

    private PauseWatch(TimeSpan limit, Action<TimeSpan> paused)
    {
        var thread = new Thread(() => Run(limit, paused)) { IsBackground = true, Name = "valkka-pause-watch" };
        thread.Start();
    }

    /// <summary>Calls paused (once) with the gap when the process did not run for longer than limit.</summary>
    public static PauseWatch Start(TimeSpan limit, Action<TimeSpan> paused) => new(limit, paused);

    private void Run(TimeSpan limit, Action<TimeSpan> paused)
    {
        var last = Stopwatch.GetTimestamp();
        while (!_stop.Token.WaitHandle.WaitOne(Tick))
        {
            var now = Stopwatch.GetTimestamp();
            var gap = Stopwatch.GetElapsedTime(last, now);
            last = now;
            if (gap <= limit) continue;
            paused(gap);
            return;
        }
    }

    public void Dispose() => _stop.Cancel();
}
