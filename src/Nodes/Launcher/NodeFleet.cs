using Valkka.Nodes.Node;

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
    private readonly Func<string, int, System.Diagnostics.ProcessStartInfo> _arguments;
    private readonly IRunOutput _output;
    private readonly Action<ApplyReply>? _applied;
    private readonly NodeStartGate _gate = new(Math.Max(1, Environment.ProcessorCount), StartTurnLimit);
    private readonly CancellationTokenSource _startCancel;
    private readonly Task _starting;

    /// <param name="arguments">The command line of node (its name) at its nth restart.</param>
    /// <param name="applied">Called with each node's answers to change requests.</param>
    public NodeFleet(IEnumerable<string> nodes, Func<string, int> startRank, Func<string, int, System.Diagnostics.ProcessStartInfo> arguments,
                     IRunOutput output, CancellationToken stop, Action<ApplyReply>? applied = null)
    {
        (_arguments, _output, _applied) = (arguments, output, applied);
        foreach (var node in nodes.OrderBy(startRank)) _processes.Add(NewProcess(node));
        _startCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _starting = StartInTurnsAsync([.. _processes], _startCancel.Token);
    }

    /// <summary>The nodes whose processes the fleet supervises.</summary>
    public IReadOnlyList<string> Nodes { get { lock (_processes) return _processes.Select(p => p.Node).ToList(); } }

    /// <summary>Starts a process for node (a live change added it or changed its address).</summary>
    public Task AddAsync(string node)
    {
        var process = NewProcess(node);
        lock (_processes) _processes.Add(process);
        return StartInTurnsAsync([process], _startCancel.Token);
    }

    /// <summary>Stops node's process for good (a live change removed it or changes its address).</summary>
    public async Task RemoveAsync(string node, TimeSpan grace)
    {
        NodeProcess? process;
        lock (_processes)
        {
            process = _processes.FirstOrDefault(p => p.Node == node);
            if (process is not null) _processes.Remove(process);
        }
        if (process is not null) await process.StopAsync(grace).ConfigureAwait(false);
    }

    /// <summary>Writes a line to node's stdin; false when it does not run now.</summary>
    public bool TrySend(string node, string line)
    {
        NodeProcess? process;
        lock (_processes) process = _processes.FirstOrDefault(p => p.Node == node);
        return process?.TrySend(line) == true;
    }

    /// <summary>Starts no more, then stops every started process (SIGTERM, SIGKILL after grace).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _startCancel.CancelAsync().ConfigureAwait(false);
        await _starting.ConfigureAwait(false);
        List<NodeProcess> all;
        lock (_processes) all = [.. _processes];
        await Task.WhenAll(all.Select(p => p.StopAsync(grace))).ConfigureAwait(false);
    }

    private NodeProcess NewProcess(string node)
    {
        NodeProcess process = null!;
        process = new NodeProcess(node, () => _arguments(node, process.Restarts), _output, _applied);
        return process;
    }

    public ValueTask DisposeAsync()
    {
        _startCancel.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartInTurnsAsync(IReadOnlyList<NodeProcess> processes, CancellationToken cancel)
    {
        foreach (var process in processes)
        {
            IDisposable turn;
            try { turn = await _gate.EnterAsync(cancel).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            process.Start(turn);
        }
    }
}
