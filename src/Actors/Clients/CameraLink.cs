using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>A client's connection to one camera: its state, the camera actor, the mapped ring and the counters.</summary>
internal sealed class CameraLink(CameraAddress address, TimeSpan firstDelay, TimeSpan longestDelay, double wantedFps = double.PositiveInfinity)
{
    public CameraAddress Address { get; } = address;
    public string CameraId => Address.CameraId;
    public CameraLinkStateMachine State { get; } = new(firstDelay, longestDelay);
    public ReturnCredit OneCredit { get; } = new(address.CameraId, 1);
    public IActorRef? Camera { get; set; }
    /// <summary>
    /// The camera actor the client watches: kept across a subscription without answer, so a broken
    /// association to it is still torn down by remoting's failure detector; changed only for another camera actor.
    /// </summary>
    public IActorRef? Watched { get; set; }
    public FrameRingReader? Reader { get; private set; }
    /// <summary>Set when the camera announces frames through its ring's doorbell (same host).</summary>
    public DoorbellWatcher? Watcher { get; private set; }
    public string? RingPath { get; private set; }
    public long Analyzed { get; set; }
    public long Skipped { get; set; }
    public long Stale { get; set; }
    public FrameRateGate Rate { get; } = new(wantedFps);
    public long SkippedForRate { get; set; }
    /// <summary>Frames the analyzer threw on or answered AnalysisFailed for.</summary>
    public long Failed { get; set; }
    /// <summary>Frames not analyzed (no lease taken) because the analyzer was not ready: its Python worker starting.</summary>
    public long SkippedStarting { get; set; }
    /// <summary>The latest corrupt entry the client logged (so each is logged once).</summary>
    public string? LastCorruption { get; set; }

    /// <summary>Maps the ring the camera gave this client (and watches its doorbell when the camera said so).</summary>
    /// <exception cref="RingException">The ring cannot be mapped.</exception>
    public void Attach(Subscribed m, IActorRef client, string clientId, int credit, ActorHosting hosting)
    {
        Reader = FrameRingReader.Attach(m.Ring.Path, m.ReaderIndex);
        RingPath = m.Ring.Path;
        if (m.Doorbell) Watcher = new DoorbellWatcher(Reader, client, Camera!, CameraId, clientId, Math.Max(1, credit), hosting);
    }

    /// <summary>Unmaps the ring and forgets the camera actor.</summary>
    public void Detach()
    {
        Watcher?.Dispose(); // before the reader: its thread sleeps on the mapping
        Watcher = null;
        Reader?.Dispose();
        Reader = null;
        RingPath = null;
        Camera = null;
    }

    public ClientCameraDetails Details() =>
        new(CameraId, State.State == CameraLinkState.Attached, RingPath, State.Attachments, Analyzed, Skipped, Stale, State.LastError,
            Watcher is null ? FrameNotify.Remote : FrameNotify.Doorbell, Watcher?.Counters(), Watcher?.IsHosted == true)
        {
            SkippedForRate = SkippedForRate, WantedFps = Rate.Fps, Corrupt = Reader?.Corrupt ?? 0, LastCorruption = Reader?.LastCorruption,
            Failed = Failed, SkippedStarting = SkippedStarting,
        };
}
