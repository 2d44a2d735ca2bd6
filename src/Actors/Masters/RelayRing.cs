using Akka.Actor;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Masters;

/// <summary>
/// The relay of one camera on the master's host (or, for a placed camera running on this host, the camera
/// itself): where it is looked for, the ring once attached (as a <see cref="MasterRing"/>, so leases go
/// through the batches as any other), the doorbell watch and the requests whose frame the ring does not
/// hold yet (each with its arrival, Stopwatch ticks).
/// </summary>
internal sealed class RelayRing(string cameraId, string relayPath, PlacedCameraFrames? placed)
{
    public string CameraId { get; } = cameraId;
    public string RelayPath { get; } = relayPath;
    /// <summary>Where a placed camera's frames are on this host now (null: a pinned camera's relay, always at <see cref="RelayPath"/>).</summary>
    public PlacedCameraFrames? Placed { get; } = placed;
    public MasterRing? Ring { get; set; }
    public RelayRingWatch? Watch { get; set; }
    public IHostedRingSource? Hosted { get; set; }
    /// <summary>When the master last asked the relay for a reader index (Stopwatch ticks).</summary>
    public long AttachAskedTicks { get; set; }
    public List<(IActorRef Client, AnalyzeRequest Request, long ArrivedTicks)> Waiting { get; } = new();
}
