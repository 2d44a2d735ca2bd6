using System.Diagnostics;

namespace Valkka.Media;

/// <summary>
/// Paces frames of a file at their native rate: the first frame is due now, each later one when
/// its pts delta has elapsed. Restart() (at a loop) continues one frame interval after the last
/// frame read (<see cref="Saw"/>), not only the last one waited for: a camera that decodes only
/// keyframes would otherwise start each loop a GOP early and play faster than real time.
/// If the consumer falls behind by more than a second the schedule is rebased at that frame instead
/// of bursting.
/// </summary>
internal sealed class FramePacer(double timeBaseSeconds, double frameIntervalMs)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _started;
    private long _pts0, _lastSeenPts = PtsClock.NoPts;
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
            _lastSeenPts = PtsClock.NoPts;
            _originMs = double.IsNaN(_lastDueMs) ? now : Math.Max(_lastDueMs + frameIntervalMs, now - 1000);
            due = _originMs;
        }
        else
            due = _originMs + (pts - _pts0) * timeBaseSeconds * 1000;

        if (now - due > 1000)
        {
            // Far behind: this frame is due now and later ones follow from it. (Rebasing at the next frame one
            // frame interval after this one played a keyframe interval at once when only keyframes were decoded.)
            if (pts != PtsClock.NoPts) (_pts0, _originMs) = (pts, now);
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

    /// <summary>A packet was read, decoded or not: its pts counts for where a loop continues.</summary>
    public void Saw(long pts)
    {
        if (_started && pts > _lastSeenPts) _lastSeenPts = pts;   // NoPts is long.MinValue
    }

    public void Restart()
    {
        if (_started && _lastSeenPts != PtsClock.NoPts)
            _lastDueMs = Math.Max(_lastDueMs, _originMs + (_lastSeenPts - _pts0) * timeBaseSeconds * 1000);
        _started = false;
    }
}
