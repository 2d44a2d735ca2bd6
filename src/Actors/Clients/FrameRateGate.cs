using Valkka.Media.Decoding;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's own pick of a camera's frames at the rate it asked for: the camera serves the highest
/// rate any of its readers wants, so a reader that wants fewer frames leaves the others out here,
/// evenly spaced by capture time (as the decoder picks them).
/// </summary>
internal sealed class FrameRateGate
{
    // Capture times are whole milliseconds: a frame a little early for its due time is taken.
    private const double MinimumToleranceSeconds = 0.015;
    // Under half a gap, so that of two frames equally near a due time the later one is taken.
    private const double NearestShare = 0.45;

    private readonly FrameSelector? _selector;
    private readonly double _interval;
    private long? _lastSeenMs;

    public FrameRateGate(double fps)
    {
        Fps = fps;
        if (double.IsPositiveInfinity(fps)) return;
        _interval = fps > 0 ? 1 / fps : double.PositiveInfinity;
        _selector = new FrameSelector(MinimumToleranceSeconds);
        _selector.SetRate(fps);
    }

    /// <summary>Frames a second wanted; +inf: every frame.</summary>
    public double Fps { get; }

    public bool Wants(long timestampMs)
    {
        if (_selector is null) return true;
        var gap = _lastSeenMs is { } last ? (timestampMs - last) / 1000.0 : double.NaN;
        _lastSeenMs = timestampMs;
        return _selector.Wants(timestampMs / 1000.0, Tolerance(gap));
    }

    /// <summary>
    /// How early a frame may be for its due time, from the gap since the frame before it (the next
    /// one is expected as far away). A camera serving about this rate delivers its frames up to a
    /// few native frame intervals after their due times (with B-frames skipped, the next reference
    /// frame), and the schedule here starts on whichever came first: every frame must be taken, so
    /// the tolerance is nearly half the interval (a few milliseconds left every other frame out
    /// when the schedule started on a late one). A camera serving a higher rate delivers frames
    /// less than half an interval apart: the one nearest its due time is taken.
    /// </summary>
    private double Tolerance(double gap)
    {
        if (!(gap > 0)) return MinimumToleranceSeconds;
        return Math.Max(MinimumToleranceSeconds, NearestShare * (gap >= _interval / 2 ? _interval : gap));
    }
}
