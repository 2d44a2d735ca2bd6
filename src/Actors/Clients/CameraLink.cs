using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>A client's connection to one camera: where it is, whether its ring is mapped, counters.</summary>
internal sealed class CameraLink(CameraAddress address, string readerId, TimeSpan initialDelay)
{
    public enum LinkState { Searching, Subscribing, Attached, Refused }

    public CameraAddress Address { get; } = address;
    public string CameraId => Address.CameraId;
    public ReturnCredit OneCredit { get; } = new(address.CameraId, 1);
    public Subscribe SubscribeMessage { get; set; } = new(readerId, 2);
    public LinkState State { get; set; } = LinkState.Searching;
    public IActorRef? Camera { get; set; }
    public FrameRingReader? Reader { get; set; }
    /// <summary>Set when the camera announces frames through its ring's doorbell (same host).</summary>
    public DoorbellWatcher? Watcher { get; set; }
    public string? RingPath { get; set; }
    public TimeSpan Delay { get; set; } = initialDelay;
    public int Attachments { get; set; }
    public long Analyzed { get; set; }
    public long Skipped { get; set; }
    public long Stale { get; set; }
    public string? LastError { get; set; }

    public void Detach()
    {
        Watcher?.Dispose(); // before the reader: its thread sleeps on the mapping
        Watcher = null;
        Reader?.Dispose();
        Reader = null;
        RingPath = null;
        Camera = null;
        State = LinkState.Searching;
    }

    public ClientCameraDetails Details() =>
        new(CameraId, State == LinkState.Attached, RingPath, Attachments, Analyzed, Skipped, Stale, LastError,
            Watcher is null ? FrameNotify.Remote : FrameNotify.Doorbell, Watcher?.Counters(), Watcher?.IsHosted == true);
}
