using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Actors.Metrics;
using Valkka.Actors.Stats;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's work on each announced frame: lease it from the camera's ring, run the analysis on a
/// read-only view (with the frame set on the <see cref="ClientContext"/> for forwarding), release the
/// lease and give the camera its credit back. Counts analyzed, failed, skipped and stale frames on the
/// link; a frame that comes while the analyzer is not ready (<see cref="IAnalyzerReadiness"/>) is skipped
/// without a lease. Failures are logged once per burst.
/// </summary>
internal sealed class FrameAnalysis(string clientId, ClientContext context, ILoggingAdapter log,
    FrameAnalyzerCall analyze, Action<ClientResult> onResult, ClientInstruments? instruments, IAnalyzerReadiness? readiness = null)
{
    private readonly FailureBurst _failures = new(log, $"Client {clientId}");

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
        else if (readiness?.IsReady() == false)
        {
            link.SkippedStarting++;
        }
        else if (link.Reader is { } reader)
        {
            FrameLease lease = default;
            var leased = string.Equals(frame.Ring, link.RingPath, StringComparison.Ordinal)
                ? reader.TryLease(frame.Slot, frame.Sequence, out lease)
                : LeaseResult.Stale;
            if (leased == LeaseResult.Leased) Analyze(link, frame, lease, reader);
            else if (leased == LeaseResult.Stale) link.Stale++;
            else ReportCorrupt(link, reader);
        }
        if (link.Watcher is { } watcher) watcher.ReturnCredit();
        else camera.Tell(link.OneCredit, self);
    }

    /// <summary>A frame refused as corrupt is counted as stale; each new kind of corruption is logged once.</summary>
    private void ReportCorrupt(CameraLink link, FrameRingReader reader)
    {
        link.Stale++;
        if (reader.LastCorruption is { } problem && problem != link.LastCorruption)
        {
            link.LastCorruption = problem;
            log.Error("Client {0}: {1}", clientId, problem);
        }
    }

    private unsafe void Analyze(CameraLink link, FrameRef frame, in FrameLease lease, FrameRingReader reader)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            context.Enter(new AnalyzedFrame(frame, link.Camera!, lease.Info, (nint)lease.Data));
            var result = analyze(new FrameView(frame.CameraId, frame.Sequence, lease.Info, lease.Data)
                { RingFile = reader.Path, RingOffset = lease.FileOffset, RingReader = reader });
            if (result is AnalysisFailed failed)
            {
                link.Failed++;
                _failures.Failed(null, $"analyzer answered AnalysisFailed on camera {frame.CameraId} frame {frame.Sequence}: {failed.Reason}");
                return;
            }
            link.Analyzed++;
            _failures.Succeeded();
            if (result is not null)
            {
                Results++;
                onResult(new ClientResult(clientId, frame.CameraId, frame.Sequence, result));
            }
        }
        catch (Exception e)
        {
            link.Failed++;
            _failures.Failed(e, $"analyzer failed on camera {frame.CameraId} frame {frame.Sequence}: {e.Message}");
        }
        finally
        {
            context.Leave();
            reader.Release(lease);
            if (instruments is not null)
            {
                var ended = Stopwatch.GetTimestamp();
                instruments.Analyzed(frame.CameraId, Stopwatch.GetElapsedTime(started, ended).TotalSeconds, LatencySeconds(lease.Info, ended));
            }
        }
    }

    /// <summary>
    /// From the frame's commit to its ring on this host to the end of its analysis (one monotonic clock for
    /// every process of the host); a ring from a writer that does not stamp commits: from the frame's timestamp.
    /// </summary>
    private static double LatencySeconds(in FrameInfo info, long ended) => info.CommitTicks != 0
        ? Stopwatch.GetElapsedTime(info.CommitTicks, ended).TotalSeconds
        : (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - info.TimestampMs) / 1000.0;
}
