namespace Valkka.Actors.Topology.Changes;

/// <summary>
/// The difference between a running topology and a new desired state: every part added, removed or
/// changed, in the order they are stopped and started. Refused: why the change cannot be made at run
/// time (e.g. another topology name); then nothing is done.
/// </summary>
public sealed record TopologyPlan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Refused)
{
    public bool IsEmpty => Changes.Count == 0 && Refused.Count == 0;

    public IEnumerable<PlannedChange> Of(string kind) => Changes.Where(c => c.Kind == kind);

    /// <summary>Ids of a kind the plan stops: removed or changed.</summary>
    public IReadOnlySet<string> Stopped(string kind) => Of(kind).Where(c => c.Action != ChangeAction.Added).Select(c => c.Id).ToHashSet();

    /// <summary>Ids of a kind the plan starts: added or changed.</summary>
    public IReadOnlySet<string> Started(string kind) => Of(kind).Where(c => c.Action != ChangeAction.Removed).Select(c => c.Id).ToHashSet();
}
