using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Where a pinned reader (client, or relay) on this node finds a placed camera now, or a client its placed master, from
/// the node's <see cref="PlacedLocations"/> and <see cref="PlacedRoutes"/>: null while the part runs nowhere this node
/// knows of, or on a node the topology no longer has.
/// </summary>
internal sealed class PlacedLocator(PlacedLocations locations, string key, Func<string, string?> target) : IPartLocator
{
    // The path made for the node last asked about: a client asks before every request it forwards, and the node
    // changes only when the part moves.
    private (string Node, string? Path)? _last;

    public string? Locate()
    {
        if (locations.NodeOf(key) is not { } node) return null;
        if (_last is { } last && last.Node == node) return last.Path;
        var path = target(node);
        _last = (node, path);
        return path;
    }

    /// <summary>For a client of placed masterId: the master on the node that runs it.</summary>
    public static PlacedLocator Master(TopologyDefinition topology, string masterId, PlacedLocations locations) =>
        new(locations, PlacedPartKeys.Master(masterId),
            node => Known(topology, node) ? ActorPaths.Remote(topology.Node(node), ActorPaths.MasterName(masterId)) : null);

    /// <summary>For a reader of placed cameraId on readerNode: the camera on the reader's host, else that host's relay of it.</summary>
    public static PlacedLocator Reader(TopologyDefinition topology, string cameraId, string readerNode, PlacedLocations locations) =>
        new(locations, cameraId, node => Known(topology, node) ? PlacedRoutes.ReaderTarget(topology, cameraId, readerNode, node) : null);

    /// <summary>For the relay of placed cameraId: the encoded stream of the camera where it runs.</summary>
    public static PlacedLocator Publisher(TopologyDefinition topology, string cameraId, PlacedLocations locations) =>
        new(locations, cameraId, node => Known(topology, node) ? PlacedRoutes.PublisherTarget(topology, cameraId, node) : null);

    private static bool Known(TopologyDefinition topology, string node) => topology.Nodes.Any(n => n.Name == node);
}
