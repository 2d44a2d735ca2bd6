namespace Valkka.Nodes.Launcher;

/// <summary>
/// The node processes `valkka run` starts on this machine, in the order of their start rank (the
/// launcher gives: cameras' nodes first, they are real time and decode while the others start; then
/// masters', whose clients forward to them as soon as they run), at most one starting per core
/// (<see cref="NodeStartGate"/>), each supervised by its <see cref="NodeProcess"/>; stopped together.
/// </summary>
internal sealed class NodeFleet : IAsyncDisposable
{
    /// <summary>The longest a starting node holds a start slot before it reports.</summary>
    private static readonly TimeSpan StartTurnLimit = TimeSpan.FromSeconds(20);

    private readonly List<NodeProcess> _processes = [];
    private readonly CancellationTokenSource _startCancel;
    private readonly Task _starting;

    /// <param name="arguments">The command line of node (its name) at its nth restart.</param>
    public NodeFleet(IEnumerable<string> nodes, Func<string, int> startRank, Func<string, int, System.Diagnostics.ProcessStartInfo> arguments,
                     IRunOutput output, CancellationToken stop)
    {
        foreach (var node in nodes.OrderBy(startRank))
        {
            NodeProcess process = null!;
            process = new NodeProcess(node, () => arguments(node, process.Restarts), output);
            _processes.Add(process);
        }
        _startCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _starting = StartInTurnsAsync(new NodeStartGate(Math.Max(1, Environment.ProcessorCount), StartTurnLimit), _startCancel.Token);
    }

    /// <summary>Starts no more, then stops every started process (SIGTERM, SIGKILL after grace).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _startCancel.CancelAsync().ConfigureAwait(false);
        await _starting.ConfigureAwait(false);
        await Task.WhenAll(_processes.Select(p => p.StopAsync(grace))).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _startCancel.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartInTurnsAsync(NodeStartGate gate, CancellationToken cancel)
    {
        foreach (var process in _processes)
        {
            IDisposable turn;
            try { turn = await gate.EnterAsync(cancel).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            process.Start(turn);
        }
    }
}
