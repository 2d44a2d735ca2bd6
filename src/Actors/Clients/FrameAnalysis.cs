using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's work on each announced frame: lease it from the camera's ring, run the analysis on a
/// read-only view (with the frame set on the <see cref="ClientContext"/> for forwarding), release the
/// lease and give the camera its credit back. Counts analyzed, skipped and stale frames on the link.
/// </summary>
internal sealed class FrameAnalysis(string clientId, ClientContext context, ILoggingAdapter log,
    FrameAnalyzerCall analyze, Action<ClientResult> onResult)
{
    /// <summary>Non-null results of the analysis.</summary>
    public long Results { get; private set; }

    /// <summary>m announces a frame of link's camera (sender: the camera, or its doorbell watcher on its behalf).</summary>
    public void OnFrameAvailable(CameraLink link, FrameAvailable m, IActorRef camera, IActorRef self)
    {
        var frame = m.Frame;
        link.Skipped += m.SkippedBefore;
        if (!link.Rate.Wants(frame.TimestampMs))
        {
            link.SkippedForRate++;
        }
        else if (link.Reader is { } reader)
        {
            if (!string.Equals(frame.Ring, link.RingPath, StringComparison.Ordinal)
                || reader.TryLease(frame.Slot, frame.Sequence, out var lease) == LeaseResult.Stale)
            {
                link.Stale++;
            }
            else
            {
                Analyze(link, frame, lease, reader);
            }
        }
        if (link.Watcher is { } watcher) watcher.ReturnCredit();
        else camera.Tell(link.OneCredit, self);
    }

    private unsafe void Analyze(CameraLink link, FrameRef frame, in FrameLease lease, FrameRingReader reader)
    {
        try
        {
            context.Enter(new AnalyzedFrame(frame, link.Camera!, lease.Info, (nint)lease.Data));
            var result = analyze(new FrameView(frame.CameraId, frame.Sequence, lease.Info, lease.Data));
            link.Analyzed++;
            if (result is not null)
            {
                Results++;
                onResult(new ClientResult(clientId, frame.CameraId, frame.Sequence, result));
            }
        }
        catch (Exception e)
        {
            link.Analyzed++;
            log.Error(e, "Client {0}: analyzer failed on camera {1} frame {2}", clientId, frame.CameraId, frame.Sequence);
        }
        finally
        {
            context.Leave();
            reader.Release(lease);
        }
    }
}
