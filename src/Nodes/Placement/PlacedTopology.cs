using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Placement;

/// <summary>
/// The topology as it is once placed parts run on a node: their Node is that node (a camera and the clients placed with
/// it, or a master), so that the routes of the pinned topology (relays, paths) hold for them.
/// </summary>
internal static class PlacedTopology
{
    public static TopologyDefinition On(TopologyDefinition topology, string cameraId, string node) => topology with
    {
        Cameras = topology.Cameras.Select(c => c.Id == cameraId ? c with { Node = node } : c).ToList(),
        Clients = topology.Clients.Select(c => c.WithCamera && c.Cameras.Contains(cameraId) ? c with { Node = node } : c).ToList(),
    };

    public static TopologyDefinition WithMaster(TopologyDefinition topology, string masterId, string node) => topology with
    {
        Masters = topology.Masters.Select(m => m.Id == masterId ? m with { Node = node } : m).ToList(),
    };

    /// <summary>Every placed master on the node where it runs now (as locations has it); those that run nowhere keep Node "".</summary>
    public static TopologyDefinition WithMastersWhereTheyRun(TopologyDefinition topology, PlacedLocations locations) => topology with
    {
        Masters = topology.Masters.Select(m => m.Placement is not null && locations.NodeOf(PlacedPartKeys.Master(m.Id)) is { } at
                                               && topology.Nodes.Any(n => n.Name == at) ? m with { Node = at } : m).ToList(),
    };
}
