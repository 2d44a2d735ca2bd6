using Akka.Configuration;
using Valkka.Media;

namespace Valkka.Actors;

/// <summary>A camera: decode Decoder.Url into ring "camera-&lt;CameraId&gt;" of topology Topology.</summary>
public sealed record CameraSettings(string Topology, string CameraId, DecoderOptions Decoder, int RingSlots)
{
    /// <summary>Leases older than this are cleared (a backstop to DeathWatch for readers that hang).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often leases are checked against LeaseTimeout.</summary>
    public TimeSpan LeaseCheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Where a camera actor is: its id and full actor path (akka.tcp://valkka@host:port/user/camera-id, or a local path).</summary>
public sealed record CameraAddress(string CameraId, string ActorPath);

/// <summary>A client: one analyzer (type name "Namespace.Type, Assembly") over one or more cameras.</summary>
public sealed record ClientSettings(string Topology, string ClientId, IReadOnlyList<CameraAddress> Cameras,
    string AnalyzerType, Config AnalyzerSettings, string? MasterPath, int Credit = 2)
{
    /// <summary>First and longest delay between attempts to find a camera that is not there (yet).</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Slots of the client's own ring for derived frames (created on the first ForwardDerived).</summary>
    public int DerivedRingSlots { get; init; } = 4;

    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How frames of a camera on this host are announced (see <see cref="FrameNotify"/>).</summary>
    public FrameNotify Notify { get; init; } = FrameNotify.Doorbell;
}

/// <summary>A master: one batch analyzer shared by its clients.</summary>
public sealed record MasterSettings(string MasterId, string AnalyzerType, Config AnalyzerSettings,
    int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient = 1);
