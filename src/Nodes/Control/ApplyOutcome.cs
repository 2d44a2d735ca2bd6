using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Control;

/// <summary>
/// What an apply did. Errors: why the new state is invalid (nothing changed); Plan: the difference (null
/// when invalid; Refused lists what cannot change at run time, and then nothing changed); Applied: the plan
/// was carried out; Failures: parts that did not start as planned (the rest of the plan was carried out).
/// </summary>
public sealed record ApplyOutcome(IReadOnlyList<TopologyError> Errors, TopologyPlan? Plan, bool Applied, IReadOnlyList<string> Failures)
{
    public bool Valid => Errors.Count == 0 && Plan is { Refused.Count: 0 };
}
