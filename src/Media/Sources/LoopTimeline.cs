namespace Valkka.Media.Sources;

/// <summary>
/// Stream time that runs on across the loops of a looped file: after <see cref="Loop"/> the next
/// frame is placed one native frame interval after the last packet read (<see cref="Saw"/>) or frame
/// decoded, so rate schedules keyed on stream time stay evenly spaced over the loop instead of
/// re-anchoring where the pts goes back. (After the last frame decoded only, a camera decoding only
/// keyframes placed each loop a GOP early, and a reader at the keyframe rate lost a keyframe a loop.)
/// </summary>
internal sealed class LoopTimeline(double frameIntervalSeconds)
{
    private double _offset, _last = double.NaN, _lastSeen = double.NaN;
    private bool _looped;

    public void Loop() => _looped = true;

    /// <summary>A packet of these stream seconds was read, decoded or not.</summary>
    public void Saw(double seconds)
    {
        if (_looped || double.IsNaN(seconds)) return;   // after a loop, packets of the next one until it is placed
        var continued = seconds + _offset;
        if (double.IsNaN(_lastSeen) || continued > _lastSeen) _lastSeen = continued;
    }

    public double Continue(double seconds)
    {
        if (double.IsNaN(seconds)) return seconds;
        if (_looped)
        {
            var end = double.IsNaN(_lastSeen) ? _last : double.IsNaN(_last) ? _lastSeen : Math.Max(_last, _lastSeen);
            if (!double.IsNaN(end)) _offset = end + frameIntervalSeconds - seconds;
            _lastSeen = double.NaN;
            _looped = false;
        }
        return _last = seconds + _offset;
    }
}
