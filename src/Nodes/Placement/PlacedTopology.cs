using Valkka.Actors.Topology;

namespace Valkka.Nodes.Placement;

/// <summary>The topology as it is once a placed camera and the clients placed with it run on a node: their Node is that node.</summary>
internal static class PlacedTopology
{
    public static TopologyDefinition On(TopologyDefinition topology, string cameraId, string node) => topology with
    {
        Cameras = topology.Cameras.Select(c => c.Id == cameraId ? c with { Node = node } : c).ToList(),
        Clients = topology.Clients.Select(c => c.WithCamera && c.Cameras.Contains(cameraId) ? c with { Node = node } : c).ToList(),
    };
}
