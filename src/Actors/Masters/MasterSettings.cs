using Akka.Configuration;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Node;

namespace Valkka.Actors.Masters;

/// <summary>A master: one batch analyzer shared by its clients.</summary>
public sealed record MasterSettings(string MasterId, string AnalyzerType, Config AnalyzerSettings,
    int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient = 1)
{
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

    /// <summary>Where the queues of same-host clients are read and the batch deadline kept (see <see cref="RingSourceHosting"/>).</summary>
    public RingSourceHosting RingSources { get; init; } = RingSourceHosting.ActorThread;

    /// <summary>Where the master records batch sizes, queue waits and analyzer time (null: nowhere).</summary>
    public Metrics.MasterInstruments? Instruments { get; init; }

    /// <summary>
    /// Longest an analyzer call may take: a call still running then is abandoned and its batch's
    /// clients get <see cref="Analysis.AnalysisFailed"/> results (topology key analyze-timeout).
    /// </summary>
    public TimeSpan AnalyzeTimeout { get; init; } = DefaultAnalyzeTimeout;

    /// <summary>
    /// Cameras on other hosts whose forwarded frames the master leases from the relay of the camera on
    /// its own host, by camera id: the relay's actor path (see Topology.CameraRoutes.RelaysForMaster).
    /// </summary>
    public IReadOnlyDictionary<string, string> RelayedCameras { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Cameras of <see cref="RelayedCameras"/> that the cluster places (they and their clients move between hosts): every
    /// request for one of their frames, from a client on any host, is looked up by its stream frame index in the ring the
    /// camera has on the master's host now (the camera's own, or the relay's), so that the master reads one ring of it.
    /// </summary>
    public IReadOnlyDictionary<string, PlacedCameraFrames> PlacedCameras { get; init; } = new Dictionary<string, PlacedCameraFrames>();

    /// <summary>How long a request waits for the local relay to decode its frame before it counts as stale.</summary>
    public TimeSpan RelayFrameWait { get; init; } = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultAnalyzeTimeout = TimeSpan.FromSeconds(30);
}
