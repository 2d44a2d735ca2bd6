namespace Valkka.Actors.Placement;

/// <summary>A camera the planner places: its id, the role of the members that may run it, its weight (<see cref="CameraWeight"/>).</summary>
public sealed record PlacedCamera(string Id, string Role, long Weight);
