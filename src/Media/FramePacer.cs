using System.Diagnostics;

namespace Valkka.Media;

/// <summary>
/// Paces frames of a file at their native rate: the first frame is due now, each later one when
/// its pts delta has elapsed. Restart() (at a loop) continues one frame interval after the last.
/// If the consumer falls behind by more than a second the schedule is rebased instead of bursting:
/// the next frame is due when it comes.
/// </summary>
internal sealed class FramePacer(double timeBaseSeconds, double frameIntervalMs)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _started, _rebased;
    private long _pts0;
    private double _originMs, _lastDueMs = double.NaN;

    /// <summary>Waits until the frame is due; false if stop was signalled meanwhile.</summary>
    public bool WaitFor(long pts, ManualResetEventSlim stop)
    {
        var now = _clock.Elapsed.TotalMilliseconds;
        double due;
        if (pts == PtsClock.NoPts)
            due = double.IsNaN(_lastDueMs) ? now : _lastDueMs + frameIntervalMs;
        else if (!_started || pts < _pts0)
        {
            _started = true;
            _pts0 = pts;
            // After a rebase the next decoded frame may be a keyframe interval later in the stream, not one
            // frame interval: placing it one frame interval after the late one played that interval at once.
            _originMs = double.IsNaN(_lastDueMs) || _rebased ? now : Math.Max(_lastDueMs + frameIntervalMs, now - 1000);
            _rebased = false;
            due = _originMs;
        }
        else
            due = _originMs + (pts - _pts0) * timeBaseSeconds * 1000;

        if (now - due > 1000)
        {
            _started = false;   // far behind: rebase at the next frame
            _rebased = true;
            _lastDueMs = now;
            return !stop.IsSet;
        }
        _lastDueMs = due;
        var wait = due - now;
        return wait < 1 ? !stop.IsSet : !stop.Wait(TimeSpan.FromMilliseconds(wait));
    }

    /// <summary>Seconds the frame of this pts is late for its due time now (negative: early); 0 before the schedule starts.</summary>
    public double LateSeconds(long pts) =>
        !_started || pts == PtsClock.NoPts || pts < _pts0 ? 0 : (_clock.Elapsed.TotalMilliseconds - _originMs) / 1000 - (pts - _pts0) * timeBaseSeconds;

    public void Restart() => _started = false;
}
