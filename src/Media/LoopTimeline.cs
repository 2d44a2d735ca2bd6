namespace Valkka.Media;

/// <summary>
/// Stream time that runs on across the loops of a looped file: after <see cref="Loop"/> the next
/// frame is placed one native frame interval after the last one, so rate schedules keyed on stream
/// time stay evenly spaced over the loop instead of re-anchoring where the pts goes back.
/// </summary>
internal sealed class LoopTimeline(double frameIntervalSeconds)
{
    private double _offset, _last = double.NaN;
    private bool _looped;

    public void Loop() => _looped = true;

    public double Continue(double seconds)
    {
        if (double.IsNaN(seconds)) return seconds;
        if (_looped && !double.IsNaN(_last)) _offset = _last + frameIntervalSeconds - seconds;
        _looped = false;
        return _last = seconds + _offset;
    }
}
