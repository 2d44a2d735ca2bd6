namespace Valkka.Nodes.Node;

/// <summary>
/// Starts a node's thread-pool workers early in its life (`valkka node`: <see cref="DefaultDelay"/>
/// after its actors exist), so that the number of threads is what it will be for the node's life. A node keeps every worker (ThreadsToKeepAlive = -1 in its
/// runtimeconfig: a retired worker leaves its per-thread caches as garbage); without this the pool
/// starts one at each burst bigger than any before, so the thread count kept stepping up for half an
/// hour (docs/RELIABILITY.md). Bursts now wake standing workers.
/// </summary>
public static class ThreadPoolWarmUp
{
    /// <summary>
    /// The workers a node starts with: above the most the pool ran at once in an hour's soak of the
    /// face topology on 2 cores (10), which grows with the cores that can run them.
    /// </summary>
    public static int DefaultWorkers => Math.Max(12, 4 * Environment.ProcessorCount);

    /// <summary>
    /// What a node waits after its actors exist before <see cref="Run"/>: a restarted node recovers in
    /// about 5 s on a busy machine, and the warm-up's threads should not take CPU it needs then.
    /// </summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(10);

    /// <summary>Runs <see cref="Run"/> on a pool thread after delay, unless stop comes first.</summary>
    public static async Task RunLaterAsync(TimeSpan delay, int workers, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Run(workers, TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Has the pool start workers until it holds at least that many (each waits until all are running,
    /// so each is a thread of its own), then gives back the pool's minimum. Returns the pool's thread count.
    /// </summary>
    public static int Run(int workers, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        if (ThreadPool.ThreadCount >= workers) return ThreadPool.ThreadCount;

        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        // Below its minimum the pool starts a thread for each queued item at once; above it, one per
        // 500 ms. Room for all the items even if every worker there is now stays busy.
        ThreadPool.SetMinThreads(Math.Max(minWorkers, ThreadPool.ThreadCount + workers), minIo);
        // As many items as workers, none ending before all run: idle workers take some, new ones the rest.
        using var running = new CountdownEvent(workers);
        using var ended = new CountdownEvent(workers);
        using var release = new ManualResetEventSlim();
        try
        {
            for (int i = 0; i < workers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    running.Signal();
                    release.Wait();
                    ended.Signal();
                }, null);
            }
            running.Wait(timeout);
        }
        finally
        {
            release.Set();
            ended.Wait();
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }
        return ThreadPool.ThreadCount;
    }
}
