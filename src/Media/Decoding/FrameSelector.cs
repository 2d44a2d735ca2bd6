namespace Valkka.Media.Decoding;

/// <summary>
/// Picks frames evenly spaced in capture time for a wanted rate: a frame is taken when its time
/// reaches the next due time (due += 1/fps), within a tolerance of a fraction of the native frame
/// interval; when the stream falls a whole interval behind, or its time goes backwards (a restarted camera; a looped file runs on, see LoopTimeline),
/// the schedule re-anchors at that frame. Used on the decoder thread only.
/// </summary>
internal sealed class FrameSelector(double toleranceSeconds)
{
    private double _fps = double.PositiveInfinity;
    private double _interval;          // seconds; 0 = every frame; +inf = none
    private double _due = double.NaN;
    private double _last = double.NaN;

    /// <summary>0 or less: no frame; +inf: every frame.</summary>
    public void SetRate(double fps)
    {
        if (fps == _fps) return;
        _fps = fps;
        _interval = fps <= 0 ? double.PositiveInfinity : double.IsPositiveInfinity(fps) ? 0 : 1 / fps;
        _due = double.IsNaN(_last) || double.IsPositiveInfinity(_interval) ? double.NaN : _last + _interval;
    }

    public bool Wants(double seconds) => Wants(seconds, toleranceSeconds);

    /// <summary>As <see cref="Wants(double)"/> with this frame's own tolerance (how early it may be for its due time).</summary>
    public bool Wants(double seconds, double tolerance)
    {
        if (double.IsPositiveInfinity(_interval)) return false;
        if (_interval == 0)
        {
            _last = seconds;
            return true;
        }
        if (double.IsNaN(_due) || seconds < _last || seconds - _due >= _interval) _due = seconds;
        if (seconds < _due - tolerance) return false;
        _last = seconds;
        _due += _interval;
        return true;
    }
}
