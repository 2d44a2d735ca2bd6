using Akka.Configuration;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;

namespace Valkka.Actors.Clients;

/// <summary>A client: one analyzer (type name "Namespace.Type, Assembly") over one or more cameras.</summary>
public sealed record ClientSettings(string Topology, string ClientId, IReadOnlyList<CameraAddress> Cameras,
    string AnalyzerType, Config AnalyzerSettings, string? MasterPath, int Credit = 2)
{
    /// <summary>
    /// Where the master is now, asked before each request when the cluster places the master (it moves between nodes;
    /// null from the locator: it runs nowhere now, and the request is not sent); null: the master is at MasterPath.
    /// </summary>
    public Topology.IPartLocator? MasterLocator { get; init; }

    /// <summary>This host's shared-memory identity (rings are shared only between equal ones); the node passes the one it read at start.</summary>
    public string HostIdentity { get; init; } = Valkka.Actors.Node.HostIdentity.Current;

    /// <summary>
    /// The analyzer's type, already loaded (the node runtime loads it from the topology, from the analyzer's own
    /// folder when it has one); null: the actor loads AnalyzerType by name from the program's assemblies.
    /// </summary>
    public Type? Analyzer { get; init; }

    /// <summary>A Python analyzer (topology key analyzer.python) to run in a worker process instead of a C# type; AnalyzerSettings are its settings.</summary>
    public Topology.PythonAnalyzerDefinition? PythonAnalyzer { get; init; }

    /// <summary>The folder that holds the valkka Python package the worker runs (null: the <c>python</c> folder next to the program).</summary>
    public string? PythonPackageFolder { get; init; }

    /// <summary>
    /// First and longest delay between attempts to find a camera that is not there (yet). A restarted
    /// camera node is found at most the longest delay after its actors exist: it is short, and a search
    /// is one small message.
    /// </summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Slots of the client's own ring for derived frames (created on the first ForwardDerived).</summary>
    public int DerivedRingSlots { get; init; } = 4;

    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How frames of a camera on this host are announced (see <see cref="FrameNotify"/>).</summary>
    public FrameNotify Notify { get; init; } = FrameNotify.Doorbell;

    /// <summary>Where the cameras' doorbells and the master's results queue are watched (see <see cref="RingSourceHosting"/>).</summary>
    public RingSourceHosting RingSources { get; init; } = RingSourceHosting.ActorThread;

    /// <summary>Frames a second the client analyzes of each camera (unless its <see cref="CameraAddress.Fps"/> says); null: every frame.</summary>
    public double? Fps { get; init; }

    /// <summary>Where the client records its analyzer time and frame ages (null: nowhere).</summary>
    public Metrics.ClientInstruments? Instruments { get; init; }
}
