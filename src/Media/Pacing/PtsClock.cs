namespace Valkka.Media.Pacing;

/// <summary>
/// Turns presentation timestamps into wall-clock capture times (Unix ms): the first pts is mapped
/// to the arrival time of its packet, later ones follow the pts deltas in the stream's time base.
/// Without pts the arrival time is used. A pts jump (backwards, or drifting further than
/// <c>maxDriftMs</c> from arrival, e.g. a loop or a camera restart) maps afresh.
/// </summary>
public sealed class PtsClock(long timeBaseNum, long timeBaseDen, long maxDriftMs = 3000)
{
    private bool _mapped;
    private long _pts0, _wall0, _lastPts;

    public const long NoPts = long.MinValue;

    public long ToWallMs(long pts, long arrivalMs)
    {
        if (pts == NoPts || timeBaseDen <= 0) return arrivalMs;
        if (_mapped && pts >= _lastPts)
        {
            var wall = _wall0 + (long)((Int128)(pts - _pts0) * timeBaseNum * 1000 / timeBaseDen);
            if (Math.Abs(wall - arrivalMs) <= maxDriftMs) { _lastPts = pts; return wall; }
        }
        _mapped = true;
        _pts0 = _lastPts = pts;
        _wall0 = arrivalMs;
        return arrivalMs;
    }

    /// <summary>Forget the mapping (the stream restarts, e.g. a looped file or a reconnect).</summary>
    public void Reset() => _mapped = false;
}
