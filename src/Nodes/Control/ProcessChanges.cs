using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Launcher;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Control;

/// <summary>
/// A change of a run whose nodes are processes this launcher supervises: processes of removed nodes (and of
/// nodes whose address changes) stop; every other node carries out the stop phase, then the start phase,
/// of the new desired state, which each reads from the state file; processes of added nodes start last.
/// </summary>
internal sealed class ProcessChanges(NodeFleet fleet, ApplyReplies replies, Func<string, bool> runsHere,
    Func<DesiredState, (string File, IReadOnlyDictionary<string, int> Ports)> stateFile, TimeSpan stopGrace) : IChangeCarrier
{
    /// <summary>How long a node may take for one phase (stopping a camera waits for its decoder thread).</summary>
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<string>> CarryOutAsync(TopologyPlan plan, DesiredState next, Action commit, CancellationToken cancel)
    {
        var failures = new List<string>();
        var restarted = plan.Stopped(PartKinds.Node);
        await Task.WhenAll(restarted.Where(n => fleet.Nodes.Contains(n)).Select(n => fleet.RemoveAsync(n, stopGrace))).ConfigureAwait(false);
        var (file, ports) = stateFile(next);
        var staying = fleet.Nodes;
        failures.AddRange(await PhaseAsync(ApplyPhase.Stop, staying, next.Version, file, next.SourcePath, ports, cancel).ConfigureAwait(false));
        commit();
        failures.AddRange(await PhaseAsync(ApplyPhase.Start, staying, next.Version, file, next.SourcePath, ports, cancel).ConfigureAwait(false));
        foreach (var node in plan.Started(PartKinds.Node).Where(runsHere)) await fleet.AddAsync(node).ConfigureAwait(false);
        return failures;
    }

    private async Task<IReadOnlyList<string>> PhaseAsync(ApplyPhase phase, IReadOnlyList<string> nodes, int version, string file, string source,
        IReadOnlyDictionary<string, int> ports, CancellationToken cancel)
    {
        var request = ApplyLines.Format(new ApplyRequest(phase, version, file, source, ports));
        // A node not running now (starting in its turn, or restarting) reads the current state when it starts.
        var sent = nodes.Where(n => fleet.TrySend(n, request)).ToList();
        var failures = new List<string>();
        var answers = await Task.WhenAll(sent.Select(n => replies.WaitAsync(n, version, phase, PhaseTimeout, cancel))).ConfigureAwait(false);
        foreach (var (node, answer) in sent.Zip(answers))
        {
            if (answer is null) failures.Add($"node {node}: no answer to the {phase.ToString().ToLowerInvariant()} phase within {PhaseTimeout.TotalSeconds:0} s");
            else failures.AddRange(answer.Failures.Select(f => $"node {node}: {f}"));
        }
        return failures;
    }
}
