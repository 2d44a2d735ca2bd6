namespace Valkka.Actors.Placement;

/// <summary>One camera moved from one member to another to even out their load.</summary>
public sealed record PlacementMove(string Camera, string From, string To);
