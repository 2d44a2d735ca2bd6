using Valkka.Actors.Node;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Cameras;

/// <summary>A camera: decode Decoder.Url into its ring (<see cref="Topology.ActorPaths.CameraRingName"/>) of topology Topology.</summary>
public sealed record CameraSettings(string Topology, string CameraId, DecoderOptions Decoder, int RingSlots)
{
    /// <summary>This host's shared-memory identity (rings are shared only between equal ones); the node passes the one it read at start.</summary>
    public string HostIdentity { get; init; } = Valkka.Actors.Node.HostIdentity.Current;

    /// <summary>Leases older than this are cleared (a backstop to DeathWatch for readers that hang).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often leases are checked against LeaseTimeout.</summary>
    public TimeSpan LeaseCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a camera whose ring could not be created (no room in /dev/shm) waits before it tries again.</summary>
    public TimeSpan RingRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>false: convert every decoded frame whatever rates the readers ask for (to compare with a decoder that knows no rates).</summary>
    public bool FollowReaderRates { get; init; } = true;

    /// <summary>The ring's name; null: the camera's (<see cref="Topology.ActorPaths.CameraRingName"/>). A relay of a placed camera has its own.</summary>
    public string? RingName { get; init; }

    /// <summary>What fills the ring: the camera's own decoder (default), or a relay of the camera from its host (<see cref="Relays.RelaySourceFactory"/>).</summary>
    public IFrameSourceFactory Source { get; init; } = CameraDecoderFactory.Instance;
}
