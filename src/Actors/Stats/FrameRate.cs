using System.Diagnostics;

namespace Valkka.Actors.Stats;

/// <summary>Frames per second of a running count, over windows of at least half a second (fed by an actor's periodic tick).</summary>
internal sealed class FrameRate
{
    private const double MinWindowSeconds = 0.5;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _countAt;
    private double _at;

    public double Fps { get; private set; }

    public void Update(long count)
    {
        double now = _clock.Elapsed.TotalSeconds;
        if (now - _at < MinWindowSeconds) return;
        Fps = (count - _countAt) / (now - _at);
        _countAt = count;
        _at = now;
    }
}
