using Akka.Actor;
using Valkka.Actors.Topology;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// What lets a node's pinned parts read placed cameras wherever they run: the node's view of where they run
/// (<see cref="PlacedLocations"/>, kept by <see cref="PlacedRelays"/>, which also runs the relays this node owes its host),
/// and per placed camera a reader route and a publisher route (<see cref="PlacedRoutes"/>): small idle actors, on every node,
/// so that a part added later finds them too.
/// </summary>
internal static class PlacedReaders
{
    public static void Start(ActorSystem system, string node, NodeParts parts, Func<TopologyDefinition> topology)
    {
        var locations = new PlacedLocations();
        system.ActorOf(PlacedRelays.Props(node, parts, topology, locations), ActorPaths.PlacedRelaysName);
        foreach (var camera in topology().Cameras.Where(c => c.Placement is not null))
        {
            var id = camera.Id;
            system.ActorOf(PlacedRoute.Props(() => locations.NodeOf(id) is { } at && Known(topology(), at) is { } t
                ? PlacedRoutes.ReaderTarget(t, id, node, at) : null), ActorPaths.PlacedRouteName(id));
            system.ActorOf(PlacedRoute.Props(() => locations.NodeOf(id) is { } at && Known(topology(), at) is { } t
                ? PlacedRoutes.PublisherTarget(t, id, at) : null), ActorPaths.PlacedPublisherRouteName(id));
        }
    }

    // The topology, when it still has the node a camera was last seen on.
    private static TopologyDefinition? Known(TopologyDefinition topology, string node) => topology.Nodes.Any(n => n.Name == node) ? topology : null;
}
