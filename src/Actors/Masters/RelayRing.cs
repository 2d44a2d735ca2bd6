using Akka.Actor;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Masters;

/// <summary>
/// The relay of one camera on the master's host: its actor path, the ring once attached (as a
/// <see cref="MasterRing"/>, so leases go through the batches as any other), the doorbell watch and
/// the requests whose frame the relay has not decoded yet (each with its arrival, Stopwatch ticks).
/// </summary>
internal sealed class RelayRing(string cameraId, string relayPath)
{
    public string CameraId { get; } = cameraId;
    public string RelayPath { get; } = relayPath;
    public MasterRing? Ring { get; set; }
    public RelayRingWatch? Watch { get; set; }
    public IHostedRingSource? Hosted { get; set; }
    /// <summary>When the master last asked the relay for a reader index (Stopwatch ticks).</summary>
    public long AttachAskedTicks { get; set; }
    public List<(IActorRef Client, AnalyzeRequest Request, long ArrivedTicks)> Waiting { get; } = new();
}
