using Valkka.Actors.Topology;

namespace Valkka.Nodes.Node;

/// <summary>
/// Where a node's actors find the cameras and masters they talk to: over remoting at the nodes' addresses
/// (a camera on another host through this host's relay), or in one local ActorSystem (--in-process).
/// </summary>
internal abstract record PartAddresses
{
    public abstract string Camera(TopologyDefinition topology, string cameraId, string readerNode);
    public abstract string Master(TopologyDefinition topology, string masterId);
    public abstract IReadOnlyDictionary<string, string> RelaysForMaster(TopologyDefinition topology, string masterId);

    public static PartAddresses Remote { get; } = new RemoteAddresses();
    public static PartAddresses Local { get; } = new LocalAddresses();

    private sealed record RemoteAddresses : PartAddresses
    {
        // A placed camera that a pinned reader reads has no fixed path: its reader looks where it runs (NodeParts gives it a locator).
        public override string Camera(TopologyDefinition topology, string cameraId, string readerNode) =>
            topology.Camera(cameraId) is { Placement: not null, Node: "" } ? $"placed camera {cameraId}, where the cluster runs it"
                : CameraRoutes.CameraPathFrom(topology, cameraId, readerNode);
        public override string Master(TopologyDefinition topology, string masterId) => topology.MasterPath(masterId);
        public override IReadOnlyDictionary<string, string> RelaysForMaster(TopologyDefinition topology, string masterId) =>
            CameraRoutes.RelaysForMaster(topology, masterId).Concat(PlacedRoutes.RelaysForMaster(topology, masterId)).ToDictionary();
    }

    private sealed record LocalAddresses : PartAddresses
    {
        public override string Camera(TopologyDefinition topology, string cameraId, string readerNode) => Path(ActorPaths.CameraName(cameraId));
        public override string Master(TopologyDefinition topology, string masterId) => Path(ActorPaths.MasterName(masterId));
        public override IReadOnlyDictionary<string, string> RelaysForMaster(TopologyDefinition topology, string masterId) =>
            new Dictionary<string, string>();
        private static string Path(string name) => $"akka://{ActorPaths.SystemName}/user/{name}";
    }
}
