using Valkka.Actors.Messages;
using Valkka.Actors.Security;

namespace Valkka.Actors.Topology;

/// <summary>
/// A whole topology as read from a HOCON file: which nodes (OS processes) exist and which cameras,
/// clients and masters each one runs. Build it with <see cref="TopologyLoader"/>, which validates.
/// </summary>
public sealed record TopologyDefinition(
    string Name,
    string? SourcePath,
    IReadOnlyList<NodeDefinition> Nodes,
    IReadOnlyList<CameraDefinition> Cameras,
    IReadOnlyList<ClientDefinition> Clients,
    IReadOnlyList<MasterDefinition> Masters)
{
    /// <summary>Mutual TLS for remoting; null: plain TCP (loopback only, unless <see cref="Insecure"/>).</summary>
    public TlsDefinition? Tls { get; init; }

    /// <summary>The topology allows nodes on non-loopback addresses without TLS (valkka.insecure = on).</summary>
    public bool Insecure { get; init; }

    /// <summary>Key web: where `valkka run` serves the live view and the control API, and its token file; null: no web server (unless --web).</summary>
    public WebDefinition? Web { get; init; }

    /// <summary>Key cluster (seed nodes); null: the defaults (<see cref="ClusterSeeds"/>).</summary>
    public ClusterDefinition? Cluster { get; init; }

    public NodeDefinition Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new ArgumentException($"topology \"{Name}\" has no node \"{name}\" (known: {string.Join(", ", Nodes.Select(n => n.Name))})");

    public CameraDefinition Camera(string id) => Cameras.First(c => c.Id == id);
    public MasterDefinition Master(string id) => Masters.First(m => m.Id == id);

    public IEnumerable<CameraDefinition> CamerasOn(string node) => Cameras.Where(c => c.Node == node);
    public IEnumerable<ClientDefinition> ClientsOn(string node) => Clients.Where(c => c.Node == node);
    public IEnumerable<MasterDefinition> MastersOn(string node) => Masters.Where(m => m.Node == node);

    /// <summary>The full remote path of a camera actor, e.g. akka.tcp://valkka@127.0.0.1:25520/user/camera-cam1.</summary>
    public string CameraPath(string cameraId) => ActorPaths.Remote(Node(Camera(cameraId).Node), ActorPaths.CameraName(cameraId));
    public string MasterPath(string masterId) => ActorPaths.Remote(Node(Master(masterId).Node), ActorPaths.MasterName(masterId));

    /// <summary>True when the cluster places a camera or a master of this topology (key placement).</summary>
    public bool PlacesParts => Cameras.Any(c => c.Placement is not null) || Masters.Any(m => m.Placement is not null);

    /// <summary>Key metrics: where each node serves its Prometheus metrics; null: nowhere.</summary>
    public MetricsDefinition? Metrics { get; init; }

    /// <summary>The port node serves its metrics on (see <see cref="MetricsDefinition"/>); null without key metrics.</summary>
    public int? MetricsPortOf(string node)
    {
        if (Metrics is null) return null;
        if (Metrics.NodePorts.TryGetValue(node, out var port)) return port;
        var index = Nodes.ToList().FindIndex(n => n.Name == node);
        return Metrics.Port + Math.Max(index, 0);
    }

    /// <summary>The same topology with the metrics ports of some nodes replaced (--metrics-port).</summary>
    public TopologyDefinition WithMetricsPorts(IReadOnlyDictionary<string, int> ports) =>
        Metrics is null || ports.Count == 0 ? this
            : this with { Metrics = Metrics with { NodePorts = new Dictionary<string, int>(Metrics.NodePorts.Concat(ports)) } };

    /// <summary>The same topology with every node's port replaced (used to run on free ports).</summary>
    public TopologyDefinition WithPorts(IReadOnlyDictionary<string, int> ports) =>
        this with { Nodes = Nodes.Select(n => ports.TryGetValue(n.Name, out var p) ? n with { Port = p } : n).ToList() };
}
