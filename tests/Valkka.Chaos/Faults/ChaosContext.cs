namespace Valkka.Chaos.Faults;

/// <summary>What a fault works on: the topology, its node processes, their output and the flow check.</summary>
public sealed record ChaosContext(ChaosTopology Topology, ChaosNodes Nodes, ChaosOutput Output, FlowCheck Flow, Random Random,
    ChaosOptions Options)
{
    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    /// <summary>The node's pid once it runs (it may be restarting after the previous fault).</summary>
    public async Task<int> PidAsync(string node)
    {
        int? pid = null;
        if (!await ChaosWait.UntilAsync(() => (pid = Nodes.Pid(node)) is not null, Options.RecoveryLimit))
            throw new TimeoutException($"node {node} has no process after {Options.RecoveryLimit.TotalSeconds:0}s");
        return pid!.Value;
    }

    /// <summary>The ids of everything node runs (its cameras, clients and masters).</summary>
    public IReadOnlySet<string> RunsOn(string node)
    {
        var t = Topology.Definition;
        return t.Cameras.Where(c => c.Node == node).Select(c => c.Id)
            .Concat(t.Clients.Where(c => c.Node == node).Select(c => c.Id))
            .Concat(t.Masters.Where(m => m.Node == node).Select(m => m.Id)).ToHashSet();
    }

    /// <summary>camera when node runs a camera, else master when it runs a master, else client.</summary>
    public string KindOf(string node)
    {
        var t = Topology.Definition;
        return t.Cameras.Any(c => c.Node == node) ? "camera" : t.Masters.Any(m => m.Node == node) ? "master" : "client";
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
            await Task.Delay(ChaosWait.Poll);
        }
        // One line per part: the first thing said about it.
        return problems.GroupBy(p => string.Join(' ', p.Split(' ').Take(5))).Select(g => g.First()).ToList();
    }
}
