using Valkka.Media;

namespace Valkka.Actors.Clients;

/// <summary>
/// A client's own pick of a camera's frames at the rate it asked for: the camera serves the highest
/// rate any of its readers wants, so a reader that wants fewer frames leaves the others out here,
/// evenly spaced by capture time (as the decoder picks them).
/// </summary>
internal sealed class FrameRateGate
{
    // Below half the frame interval of cameras up to 30 fps: a frame a little early for its due time
    // (capture times are whole milliseconds) is taken, its predecessor is not.
    private const double ToleranceSeconds = 0.015;

    private readonly FrameSelector? _selector;

    public FrameRateGate(double fps)
    {
        Fps = fps;
        if (double.IsPositiveInfinity(fps)) return;
        _selector = new FrameSelector(ToleranceSeconds);
        _selector.SetRate(fps);
    }

    /// <summary>Frames a second wanted; +inf: every frame.</summary>
    public double Fps { get; }

    public bool Wants(long timestampMs) => _selector?.Wants(timestampMs / 1000.0) ?? true;
}
