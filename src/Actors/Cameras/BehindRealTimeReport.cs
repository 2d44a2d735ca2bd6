using Akka.Event;
using Valkka.Media.Decoding;
using Valkka.Media.Sessions;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Says while it happens that a camera's decoder is behind real time (it cannot keep up and skips to its
/// newest keyframe, so its readers get fewer frames than they want): a warning and the status reason
/// when an episode begins, a line when it ends. Call it from the camera actor's handlers only.
/// </summary>
internal sealed class BehindRealTimeReport(string cameraId, CameraStatusSubscribers status, ILoggingAdapter log)
{
    public const string ReasonPrefix = "behind real time since ";
    private DateTimeOffset? _since;
    private long _discardedBefore;

    /// <summary>Compares the decoder's counters with what was last said, and says what changed.</summary>
    public void Check(DecoderCounters counters)
    {
        if (counters.BehindSince == _since)
        {
            if (_since is null) _discardedBefore = counters.DiscardedBehind;   // what an episode discards counts from the last look before it
            return;
        }
        if (_since is { } ended)
        {
            log.Info("Camera {0}: keeping up with real time again after {1:0.0} s behind; {2} wanted frames discarded meanwhile",
                cameraId, (DateTimeOffset.UtcNow - ended).TotalSeconds, Math.Max(0, counters.DiscardedBehind - _discardedBefore));
            if (status.Status is { State: CameraState.Streaming, Reason: { } reason } && reason.StartsWith(ReasonPrefix, StringComparison.Ordinal))
                status.Set(status.Status with { Reason = null, At = DateTimeOffset.UtcNow });
        }
        if (_since is not null) _discardedBefore = counters.DiscardedBehind;   // a new episode right after another
        _since = counters.BehindSince;
        if (_since is not { } since) return;
        log.Warning("Camera {0}: behind real time since {1:HH:mm:ss.fff}Z: its decoder cannot keep up and skips to the newest keyframe; its readers get fewer frames than they want",
            cameraId, since.UtcDateTime);
        if (status.Status.State == CameraState.Streaming)
            status.Set(status.Status with { Reason = $"{ReasonPrefix}{since.UtcDateTime:HH:mm:ss}Z: skipping to the newest keyframe", At = since });
    }
}
