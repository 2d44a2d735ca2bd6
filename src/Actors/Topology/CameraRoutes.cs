using System.Net;

namespace Valkka.Actors.Topology;

/// <summary>
/// Camera X as seen from node N. Nodes whose addresses are equal (every loopback address counts as
/// one) are on one host and share its /dev/shm. A reader on the camera's host reads the camera's ring;
/// on another host it reads the ring of that host's relay of X: the relay runs in the first node of the
/// host, in topology order, with a client that reads X or a master that serves a client (anywhere) of X,
/// so every reader of X on a host shares one relay and one decode. A placed camera has no relays (its
/// clients are placed with it).
/// </summary>
public static class CameraRoutes
{
    /// <summary>True when nodes a and b are on one host (the same address, or both loopback).</summary>
    public static bool SameHost(NodeDefinition a, NodeDefinition b) => HostKey(a.Host) == HostKey(b.Host);

    /// <summary>
    /// The node that relays cameraId for readers on readerNode's host; null when the camera runs on that
    /// host or no client there reads it.
    /// </summary>
    public static string? RelayNode(TopologyDefinition topology, string cameraId, string readerNode)
    {
        // A placed camera's readers are placed with it (PlacementKeys): they never need a relay.
        if (topology.Camera(cameraId).Placement is not null) return null;
        var camera = topology.Node(topology.Camera(cameraId).Node);
        var reader = topology.Node(readerNode);
        if (SameHost(camera, reader)) return null;
        return topology.Nodes.FirstOrDefault(n => SameHost(n, reader) && ReadsOn(topology, cameraId, n.Name))?.Name;
    }

    /// <summary>
    /// The cameras a master's frames come from through a relay on its own host (camera on another host,
    /// one of its clients reads it), with the path of that relay.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RelaysForMaster(TopologyDefinition topology, string masterId)
    {
        var master = topology.Master(masterId);
        return topology.Clients.Where(c => c.Master == masterId).SelectMany(c => c.Cameras).Distinct()
            .Where(id => topology.Camera(id).Placement is null)   // placed ones: PlacedRoutes.RelaysForMaster
            .Where(id => !SameHost(topology.Node(topology.Camera(id).Node), topology.Node(master.Node)))
            .ToDictionary(id => id, id => CameraPathFrom(topology, id, master.Node));
    }

    /// <summary>The cameras node relays (for its host).</summary>
    public static IEnumerable<CameraDefinition> RelayedOn(TopologyDefinition topology, string node) =>
        topology.Cameras.Where(c => RelayNode(topology, c.Id, node) == node);

    /// <summary>The actor path readers on readerNode use for cameraId: the camera's, or the relay's on their host.</summary>
    public static string CameraPathFrom(TopologyDefinition topology, string cameraId, string readerNode) =>
        RelayNode(topology, cameraId, readerNode) is { } relay
            ? ActorPaths.Remote(topology.Node(relay), ActorPaths.RelayName(cameraId))
            : topology.CameraPath(cameraId);

    /// <summary>Where a relay finds the camera's encoded stream.</summary>
    public static string PublisherPath(TopologyDefinition topology, string cameraId) =>
        topology.CameraPath(cameraId) + "/" + ActorPaths.EncodedStreamName;

    /// <summary>
    /// The least slots of a relay ring a master leases forwarded frames from: the frame a client on another
    /// host forwards must still be in it when the request arrives (25: one second of a 25 fps camera).
    /// </summary>
    public const int MasterRelaySlots = 25;

    /// <summary>True when a master of node serves a client of cameraId (its relay there keeps <see cref="MasterRelaySlots"/>).</summary>
    public static bool ServesMaster(TopologyDefinition topology, string cameraId, string node) =>
        topology.MastersOn(node).Any(m => topology.Clients.Any(c => c.Master == m.Id && c.Cameras.Contains(cameraId)));

    // A node reads camera X when one of its clients reads X or one of its masters serves a client of X.
    internal static bool ReadsOn(TopologyDefinition topology, string cameraId, string node) =>
        topology.ClientsOn(node).Any(c => c.Cameras.Contains(cameraId))
        || ServesMaster(topology, cameraId, node);

    private static string HostKey(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)) ? "loopback" : host.ToLowerInvariant();
}
