namespace Valkka.Chaos.Faults;

/// <summary>What a fault works on: the topology, its node processes, their output and the flow check.</summary>
public sealed record ChaosContext(ChaosTopology Topology, ChaosNodes Nodes, ChaosOutput Output, FlowCheck Flow, Random Random,
    ChaosOptions Options)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>The node's pid once it runs (it may be restarting after the previous fault).</summary>
    public async Task<int> PidAsync(string node)
    {
        var deadline = DateTimeOffset.UtcNow + Options.RecoveryLimit;
        while (true)
        {
            if (Nodes.Pid(node) is { } pid) return pid;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"node {node} has no process after {Options.RecoveryLimit.TotalSeconds:0}s");
            await Task.Delay(Poll);
        }
    }

    /// <summary>The ids of everything node runs (its cameras, clients and masters).</summary>
    public IReadOnlySet<string> RunsOn(string node)
    {
        var t = Topology.Definition;
        return t.Cameras.Where(c => c.Node == node).Select(c => c.Id)
            .Concat(t.Clients.Where(c => c.Node == node).Select(c => c.Id))
            .Concat(t.Masters.Where(m => m.Node == node).Select(m => m.Id)).ToHashSet();
    }

    /// <summary>
    /// Waits for the length of a fault while checking that everything it does not take away (all but
    /// except) keeps flowing; returns the first problem of each part that did not.
    /// </summary>
    public async Task<IReadOnlyList<string>> HoldAsync(TimeSpan length, IReadOnlySet<string> except)
    {
        var problems = new SortedSet<string>();
        var end = DateTimeOffset.UtcNow + length;
        while (DateTimeOffset.UtcNow < end)
        {
            Nodes.Observe();
            foreach (var problem in Flow.Problems(except)) problems.Add("during the fault: " + problem);
            await Task.Delay(Poll);
        }
        // One line per part: the first thing said about it.
        return problems.GroupBy(p => string.Join(' ', p.Split(' ').Take(5))).Select(g => g.First()).ToList();
    }
}
