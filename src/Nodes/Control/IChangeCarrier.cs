using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>
/// Carries a planned change out on what runs: node processes (<see cref="ProcessChanges"/>) or one
/// in-process runtime (<see cref="InProcessChanges"/>). commit makes next the current desired state; it
/// is called once everything the change stops has stopped, before anything starts.
/// </summary>
internal interface IChangeCarrier
{
    Task<IReadOnlyList<string>> CarryOutAsync(TopologyPlan plan, DesiredState next, Action commit, CancellationToken cancel);
}
