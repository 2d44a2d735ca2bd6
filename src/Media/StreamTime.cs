namespace Valkka.Media;

/// <summary>
/// A stream's frame times in seconds, continuous across the restarts of a looped file: the first
/// frame after a loop comes one native frame interval after the last one before it, so a schedule
/// of frames picked by time (<see cref="FrameSelector"/>) runs on as with a live camera.
/// </summary>
internal sealed class StreamTime(double nativeFps)
{
    private readonly double _interval = double.IsFinite(nativeFps) && nativeFps > 0 ? 1 / nativeFps : 0.04;
    private double _offset;
    private double _last = double.NaN;
    private bool _looped;

    public void Looped() => _looped = true;

    /// <summary>The continuous time of a frame whose own time is seconds.</summary>
    public double Of(double seconds)
    {
        if (_looped && !double.IsNaN(_last) && !double.IsNaN(seconds))
        {
            _offset = _last + _interval - seconds;
            _looped = false;
        }
        var time = seconds + _offset;
        if (!double.IsNaN(time)) _last = time;
        return time;
    }
}
