using System.Diagnostics;

namespace Valkka.Media.Pacing;

/// <summary>
/// Paces frames of a file at their native rate: the first frame is due now, each later one when
/// its pts delta has elapsed. Restart() (at a loop) continues one frame interval after the last
/// frame read (<see cref="Saw"/>), not only the last one waited for: a camera that decodes only
/// keyframes would otherwise start each loop a GOP early and play faster than real time.
/// If the consumer falls behind by more than a second the schedule is rebased at that frame instead
/// of bursting (unless <paramref name="rebaseWhenBehind"/> is false: a paced file's one schedule for its
/// packets, read by dts, and its decoded frames, released by pts; after a stall its packets come all at
/// once, as a live stream's do, for <see cref="BacklogSkip"/> to skip).
/// A frame is never released before its due time, and its capture time is its due time on the wall
/// clock (never later than the release): a stamp read after the wait would carry however long the
/// thread was preempted after it into the capture times, and shift a whole loop by it.
/// </summary>
internal sealed class FramePacer(double timeBaseSeconds, double frameIntervalMs, bool rebaseWhenBehind = true)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _started;
    private long _pts0, _lastSeenPts = PtsClock.NoPts;
    private double _originMs, _lastDueMs = double.NaN, _wallOffsetMs = double.NaN;

    /// <summary>
    /// Waits until the frame is due; false if stop was signalled meanwhile. <paramref name="dueUnixMs"/>
    /// is the due time on the wall clock (Unix ms), at or before the moment this returns.
    /// </summary>
    public bool WaitFor(long pts, ManualResetEventSlim stop, out long dueUnixMs)
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
            _wallOffsetMs = WallOffsetMs();
            due = _originMs;
        }
        else
            due = _originMs + (pts - _pts0) * timeBaseSeconds * 1000;

        if (rebaseWhenBehind && now - due > 1000)
        {
            // Far behind: this frame is due now and later ones follow from it. (Rebasing at the next frame one
            // frame interval after this one played a keyframe interval at once when only keyframes were decoded.)
            if (pts != PtsClock.NoPts) (_pts0, _originMs) = (pts, now);
            _wallOffsetMs = WallOffsetMs();
            due = now;
        }
        _lastDueMs = due;
        if (double.IsNaN(_wallOffsetMs)) _wallOffsetMs = WallOffsetMs();   // frames without pts before any schedule
        dueUnixMs = (long)Math.Floor(_wallOffsetMs + due);
        while (true)
        {
            var wait = due - _clock.Elapsed.TotalMilliseconds;
            if (wait <= 0) return !stop.IsSet;
            // Whole milliseconds, rounded up: a wait truncated to the millisecond released frames early.
            if (stop.Wait(TimeSpan.FromMilliseconds(Math.Ceiling(wait)))) return false;
        }
    }

    /// <summary>
    /// Wall clock minus this pacer's clock, never more than the truth: the wall clock is read before the
    /// pacer's clock (a preemption between the two reads makes the offset smaller, so due times on the
    /// wall clock stay at or before the release). Taken afresh at each schedule start so that the two
    /// clocks cannot drift apart over a long run.
    /// </summary>
    private double WallOffsetMs()
    {
        var wall = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        return wall - _clock.Elapsed.TotalMilliseconds;
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
