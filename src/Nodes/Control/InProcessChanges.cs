using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Control;

/// <summary>A change of a run whose nodes all live in this process: both phases on its one runtime.</summary>
internal sealed class InProcessChanges(INodeRuntime runtime) : IChangeCarrier
{
    public async Task<IReadOnlyList<string>> CarryOutAsync(TopologyPlan plan, DesiredState next, Action commit, CancellationToken cancel)
    {
        var failures = new List<string>(await runtime.ApplyAsync(ApplyPhase.Stop, next.Topology).ConfigureAwait(false));
        commit();
        failures.AddRange(await runtime.ApplyAsync(ApplyPhase.Start, next.Topology).ConfigureAwait(false));
        return failures;
    }
}
