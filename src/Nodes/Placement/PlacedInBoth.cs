using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Parts placed by the cluster before and after a live change: <see cref="PlacedParts"/> stops, starts and restarts
/// them where they run, so the node's own change leaves them alone. A part that becomes placed, or stops being
/// placed, is the change's (its stop phase stops it wherever it runs, before anything starts).
/// </summary>
internal static class PlacedInBoth
{
    public static bool Of(TopologyDefinition running, TopologyDefinition desired, string kind, string id) => kind switch
    {
        PartKinds.Camera => Camera(running, id) && Camera(desired, id),
        PartKinds.Client => Client(running, id) && Client(desired, id),
        PartKinds.Master => Master(running, id) && Master(desired, id),
        _ => false,
    };

    private static bool Camera(TopologyDefinition t, string id) => t.Cameras.Any(c => c.Id == id && c.Placement is not null);

    private static bool Master(TopologyDefinition t, string id) => t.Masters.Any(m => m.Id == id && m.Placement is not null);

    private static bool Client(TopologyDefinition t, string id) => t.Clients.Any(c => c.Id == id && c.WithCamera);
}
