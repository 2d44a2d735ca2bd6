namespace Valkka.Actors.Topology.Changes;

/// <summary>One part a new desired state adds, removes or changes: Kind is node, camera, client or master; Why names what differs.</summary>
public sealed record PlannedChange(string Kind, string Id, ChangeAction Action, string? Why = null)
{
    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Kind} {Id}{(Why is null ? "" : $" ({Why})")}";
}
