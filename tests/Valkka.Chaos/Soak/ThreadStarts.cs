namespace Valkka.Chaos.Soak;

/// <summary>
/// Counts, by thread name, the threads that watched processes start, from what /proc/PID/task lists
/// at each <see cref="Poll"/>. A thread pool that retires idle workers and starts new ones at the next
/// burst leaves each retired worker's per-thread caches as gen2 garbage; the thread count alone
/// stays flat while that happens (docs/RELIABILITY.md). A thread that starts and ends between two
/// polls is missed, so the counts are a lower bound.
/// </summary>
public sealed class ThreadStarts
{
    /// <summary>A retired pool worker has waited 20 s for work, so it lives much longer than this.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, HashSet<int>> _known = [];
    private readonly Dictionary<int, Dictionary<string, int>> _started = [];

    /// <summary>Lists each process's threads now. The first look at a pid only learns the threads it has.</summary>
    public void Poll(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            if (ThreadNames.Tasks(pid) is not { } now) continue; // gone between two polls
            lock (_gate)
            {
                if (_known.TryGetValue(pid, out var known))
                {
                    foreach (var tid in now)
                        if (!known.Contains(tid) && ThreadNames.Of(pid, tid) is { } name)
                            Count(pid, name);
                }
                _known[pid] = now;
            }
        }
    }

    /// <summary>The threads <paramref name="pid"/> started since the last take, by name; forgets them.</summary>
    public IReadOnlyDictionary<string, int> Take(int pid)
    {
        lock (_gate)
            return _started.Remove(pid, out var started) ? started : new Dictionary<string, int>();
    }

    /// <summary>Polls every <see cref="PollInterval"/> until <paramref name="stop"/>.</summary>
    public async Task PollAsync(Func<IEnumerable<int>> pids, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) Poll(pids());
        }
        catch (OperationCanceledException) { }
    }

    private void Count(int pid, string name)
    {
        if (!_started.TryGetValue(pid, out var byName)) _started[pid] = byName = [];
        byName[name] = byName.GetValueOrDefault(name) + 1;
    }
}
