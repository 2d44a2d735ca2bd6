using Valkka.Media.Native;

namespace Valkka.Media.Pacing;

/// <summary>
/// How far behind real time a session reads its packets, in seconds. A paced file: how late the
/// packet is for its pacer's schedule. A live stream: how much longer than the least seen so far a
/// packet's arrival lags its presentation time (arrival minus pts; the least is taken as the
/// network's delay); a pts that goes back more than a second (a restarted source) starts afresh.
/// The least rises by itself at <see cref="BaselineRisePerSecond"/>: a camera's clock that runs slower
/// than ours (tens of ppm) would otherwise make a stream that keeps up look later by the hour, until it
/// skipped a keyframe interval of frames for nothing every few hours; a decoder that falls behind
/// gains lag far faster than that.
/// Anything else (a file read as fast as it decodes) has no real time to lag: always 0.
/// Used on the decoder thread only.
/// </summary>
internal sealed class StreamLag(FramePacer? pacer, bool live, double timeBaseSeconds)
{
    /// <summary>Seconds of arrival offset the least may rise per second of stream: 0.2 %, 20 times a cheap crystal's drift.</summary>
    public const double BaselineRisePerSecond = 0.002;
    private double _baseline = double.NaN;
    private double _latest = double.NaN;

    public double Seconds(long pts, long arrivalMs)
    {
        if (pts == AvConst.NoPts) return 0;
        if (pacer != null) return pacer.LateSeconds(pts);
        if (!live) return 0;
        var seconds = pts * timeBaseSeconds;
        if (seconds < _latest - 1) (_baseline, _latest) = (double.NaN, seconds);
        else if (double.IsNaN(_latest)) _latest = seconds;
        else if (seconds > _latest)
        {
            _baseline += (seconds - _latest) * BaselineRisePerSecond;
            _latest = seconds;
        }
        var offset = arrivalMs / 1000.0 - seconds;
        if (double.IsNaN(_baseline) || offset < _baseline) _baseline = offset;
        return offset - _baseline;
    }

    /// <summary>The session skipped to its newest keyframe: where it reads now counts as real time (undoes a slow drift of clocks).</summary>
    public void Rebase() => _baseline = double.NaN;
}
