namespace Valkka.Nodes.Launcher;

/// <summary>
/// Lets at most <paramref name="width"/> node processes start at once. Starting many .NET processes
/// together (JIT, remoting, analyzer loading) took every core for many seconds and starved the cameras'
/// decoders, which are real time: 16 client nodes of main2 started at once put the heavier cameras
/// behind real time for 20 s. A turn ends when the node first reports, when its process exits, or after
/// <paramref name="turnLimit"/> (a node that never reports must not hold up the others).
/// </summary>
internal sealed class NodeStartGate(int width, TimeSpan turnLimit)
{
    private readonly SemaphoreSlim _slots = new(width, width);

    /// <summary>Waits for a free slot; dispose the turn when the node is up.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancel)
    {
        await _slots.WaitAsync(cancel).ConfigureAwait(false);
        return new Turn(_slots, turnLimit);
    }

    private sealed class Turn : IDisposable
    {
        private readonly SemaphoreSlim _slots;
        private readonly Timer _limit;
        private int _ended;

        public Turn(SemaphoreSlim slots, TimeSpan limit)
        {
            _slots = slots;
            _limit = new Timer(_ => Dispose(), null, limit, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0) return;
            _limit.Dispose();
            _slots.Release();
        }
    }
}
