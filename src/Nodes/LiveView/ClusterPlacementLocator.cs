using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Where the launcher's view finds a part the cluster places (key: a camera's id, or master:ID), from the cluster's
/// placement its nodes last reported (<see cref="BoardSnapshot.ClusterPlacement"/>): the node that runs it now, as
/// target makes it into a path; null while it runs nowhere known (or where target will not look).
/// </summary>
internal sealed class ClusterPlacementLocator(Func<IReadOnlyList<PlacedCameraRow>> placement, Func<TopologyDefinition> topology, string key,
    Func<NodeDefinition, string?> target) : IPartLocator
{
    public string? Locate() =>
        placement().FirstOrDefault(r => r.CameraId == key)?.RunningOn is { Length: > 0 } node
        && topology().Nodes.FirstOrDefault(n => n.Name == node) is { } at ? target(at) : null;
}
