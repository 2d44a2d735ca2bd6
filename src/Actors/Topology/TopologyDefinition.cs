using Valkka.Actors.Messages;

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

    /// <summary>The same topology with every node's port replaced (used to run on free ports).</summary>
    public TopologyDefinition WithPorts(IReadOnlyDictionary<string, int> ports) =>
        this with { Nodes = Nodes.Select(n => ports.TryGetValue(n.Name, out var p) ? n with { Port = p } : n).ToList() };
}

/// <summary>One OS process: an ActorSystem named "valkka" with remoting on Host:Port.</summary>
public sealed record NodeDefinition(string Name, string Host, int Port)
{
    public const string TcpProtocol = "akka.tcp";
    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>Akka.Remote's protocol: akka.ssl.tcp when the topology uses TLS.</summary>
    public string Protocol { get; init; } = TcpProtocol;

    public string Address => $"{Protocol}://{ActorPaths.SystemName}@{Host}:{Port}";
}

public sealed record CameraDefinition(string Id, string Node, string Url, FrameSize? Size, int RingSlots, DecoderDefinition Decoder)
{
    /// <summary>Which frames the decoder decodes (key decode; Auto: the least its readers' rates need).</summary>
    public Valkka.Media.DecodeMode Decode { get; init; } = Valkka.Media.DecodeMode.Auto;
}

/// <summary>Decoder settings of a camera (see Valkka.Media.DecoderOptions for their meaning).</summary>
public sealed record DecoderDefinition(
    int Threads,
    bool Loop,
    bool Realtime,
    TimeSpan OpenTimeout,
    TimeSpan ReadTimeout,
    TimeSpan StallTimeout,
    TimeSpan ReconnectInitialDelay,
    TimeSpan ReconnectMaxDelay,
    int? MaxReconnectAttempts)
{
    public static DecoderDefinition Default { get; } = new(
        Threads: 1, Loop: false, Realtime: false,
        OpenTimeout: TimeSpan.FromSeconds(5), ReadTimeout: TimeSpan.FromSeconds(5), StallTimeout: TimeSpan.FromSeconds(10),
        ReconnectInitialDelay: TimeSpan.FromMilliseconds(500), ReconnectMaxDelay: TimeSpan.FromSeconds(30),
        MaxReconnectAttempts: null);
}

/// <summary>
/// An analyzer by type name ("Namespace.Type, Assembly"), the settings its constructor gets, and the
/// folder its assembly is loaded from (full path; null: next to the program or the topology file).
/// </summary>
public sealed record AnalyzerDefinition(string TypeName, Akka.Configuration.Config Settings, string? AssemblyFolder = null);

public sealed record ClientDefinition(
    string Id, string Node, IReadOnlyList<string> Cameras, AnalyzerDefinition Analyzer, string? Master, int Credit,
    FrameNotify Notify = FrameNotify.Doorbell)
{
    /// <summary>Frames a second the client analyzes of each camera (key fps); null: every frame.</summary>
    public double? Fps { get; init; }

    /// <summary>Per-camera rates (key camera-fps) that override Fps.</summary>
    public IReadOnlyDictionary<string, double> CameraFps { get; init; } = new Dictionary<string, double>();

    /// <summary>The rate the client wants of cameraId; null: every frame.</summary>
    public double? FpsOf(string cameraId) => CameraFps.TryGetValue(cameraId, out var fps) ? fps : Fps;
}

public sealed record MasterDefinition(
    string Id, string Node, AnalyzerDefinition Analyzer, int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient);
