namespace Valkka.Actors.Topology;

/// <summary>
/// How parts pinned to a node reach a camera the cluster places (<see cref="CameraDefinition.Placement"/>), which runs on
/// a node known only at run time and moves. A reader looks for it, at each search (<see cref="IPartLocator"/>), where it
/// runs now: the camera itself when it runs on the reader's host (<see cref="ReaderTarget"/>), else the relay of the camera
/// on the reader's host. That relay has a fixed node (<see cref="RelayNode"/>: the first node of the host, in topology
/// order, with a pinned client that reads the camera or a master that serves a client of it), runs there only while the
/// camera runs on another host, and looks for the camera's encoded stream where the camera runs now (<see cref="PublisherTarget"/>).
/// </summary>
public static class PlacedRoutes
{
    /// <summary>The node that relays placed cameraId for readers on node's host (whenever the camera runs on another host); null: no reader there.</summary>
    public static string? RelayNode(TopologyDefinition topology, string cameraId, string node)
    {
        var here = topology.Node(node);
        return topology.Nodes.FirstOrDefault(n => CameraRoutes.SameHost(n, here) && CameraRoutes.ReadsOn(topology, cameraId, n.Name))?.Name;
    }

    /// <summary>The placed cameras node relays for its host while they run on another host.</summary>
    public static IEnumerable<CameraDefinition> RelaysOn(TopologyDefinition topology, string node) =>
        topology.Cameras.Where(c => c.Placement is not null && RelayNode(topology, c.Id, node) == node);

    /// <summary>Where a reader on readerNode finds placed cameraId while it runs on runningNode; null: no relay serves that host.</summary>
    public static string? ReaderTarget(TopologyDefinition topology, string cameraId, string readerNode, string runningNode)
    {
        var running = topology.Node(runningNode);
        if (CameraRoutes.SameHost(running, topology.Node(readerNode))) return ActorPaths.Remote(running, ActorPaths.CameraName(cameraId));
        return RelayNode(topology, cameraId, readerNode) is { } relay ? ActorPaths.Remote(topology.Node(relay), ActorPaths.RelayName(cameraId)) : null;
    }

    /// <summary>Where a relay finds placed cameraId's encoded stream while the camera runs on runningNode.</summary>
    public static string PublisherTarget(TopologyDefinition topology, string cameraId, string runningNode) =>
        ActorPaths.Remote(topology.Node(runningNode), ActorPaths.CameraName(cameraId)) + "/" + ActorPaths.EncodedStreamName;

    /// <summary>
    /// The placed cameras whose frames a master leases from the relay on its own host when a client on another host
    /// forwards them (the camera and its clients move between hosts), with that relay's path.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RelaysForMaster(TopologyDefinition topology, string masterId)
    {
        var master = topology.Master(masterId);
        return topology.Clients.Where(c => c.Master == masterId).SelectMany(c => c.Cameras).Distinct()
            .Where(id => topology.Camera(id).Placement is not null)
            .Select(id => (Id: id, Relay: RelayNode(topology, id, master.Node)))
            .Where(p => p.Relay is not null)
            .ToDictionary(p => p.Id, p => ActorPaths.Remote(topology.Node(p.Relay!), ActorPaths.RelayName(p.Id)));
    }

    /// <summary>
    /// True when a client pinned to a node reads placed cameraId and forwards to masterId: it may be on another host than
    /// the master and forward frames its own host's relay picked (a client placed with its camera forwards frames of the
    /// camera's own ring, which the master's host has when the camera runs there).
    /// </summary>
    public static bool ForwardedByPinnedClients(TopologyDefinition topology, string cameraId, string masterId) =>
        topology.Clients.Any(c => !c.WithCamera && c.Master == masterId && c.Cameras.Contains(cameraId));
}
