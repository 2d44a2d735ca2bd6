namespace Valkka.Actors.Placement;

/// <summary>A member the planner may place cameras on: its node name and roles.</summary>
public sealed record PlacementMember(string Name, IReadOnlyCollection<string> Roles);
