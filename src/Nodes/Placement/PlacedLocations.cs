namespace Valkka.Nodes.Placement;

/// <summary>
/// Where each placed camera runs now, as this node last heard it (<see cref="PlacementData.RunningKey"/>, written by the
/// node that runs it once started, removed once stopped): read by the node's readers (<see cref="PlacedLocator"/>) on
/// their actors' threads, replaced whole by <see cref="PlacedRelays"/> at each change.
/// </summary>
internal sealed class PlacedLocations
{
    private volatile IReadOnlyDictionary<string, string> _running = new Dictionary<string, string>();

    /// <summary>The node that runs cameraId; null: none that this node knows of (not placed yet, or being moved).</summary>
    public string? NodeOf(string cameraId) => _running.TryGetValue(cameraId, out var node) && node.Length > 0 ? node : null;

    public void Set(IReadOnlyDictionary<string, string> running) => _running = running;
}
