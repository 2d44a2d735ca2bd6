using Valkka.Media.Decoding;

namespace Valkka.Media.Pacing;

/// <summary>
/// A session that fell behind real time by more than a keyframe interval (its thread was starved of
/// CPU, a live stream's packets waited in buffers meanwhile) skips to its newest keyframe instead of
/// decoding the backlog: packets are discarded until a keyframe that is at most a keyframe interval
/// late (the next one is not there yet). Of the frames discarded, those the wanted rate would have
/// delivered over the stream time skipped count as discarded behind (readers asked for them and do not
/// get them: the camera could not keep up), the others as skipped (the rate did not need them anyway).
/// Each skip begins or prolongs an episode behind real time (<see cref="BehindRealTime"/>).
/// Used on the decoder thread only.
/// </summary>
internal sealed class BacklogSkip(StreamLag lag, DecoderStats stats, double nativeFps)
{
    private readonly BehindRealTime _behind = new(stats, TimeProvider.System);
    private bool _skipping;
    private double _from;
    private long _discarded;

    /// <summary>True while catching up: the packet is to be discarded (counted as not decoded until it resumes).</summary>
    public bool Skips(bool key, long pts, double seconds, long arrivalMs, double keyInterval, double wantedFps)
    {
        if (!(keyInterval > 0)) return _skipping = false;
        var late = lag.Seconds(pts, arrivalMs);
        if (!_skipping)
        {
            if (late <= keyInterval)
            {
                _behind.Read(late, keyInterval);
                return false;
            }
            (_skipping, _from, _discarded) = (true, seconds, 0);
            Started = true;
            _behind.Skipped();
        }
        else Started = false;
        if (key && late <= keyInterval)
        {
            _skipping = false;
            lag.Rebase();
            Resumed(seconds, wantedFps);
            return false;
        }
        _discarded++;
        return true;
    }

    /// <summary>The last <see cref="Skips"/> that returned true began a catch-up (the decoder must drop what it holds).</summary>
    public bool Started { get; private set; }

    /// <summary>Decoding resumes at the keyframe of these stream seconds: the frames the rate wanted from the skipped time were discarded.</summary>
    private void Resumed(double seconds, double wantedFps)
    {
        if (_discarded == 0) return;
        var rate = Math.Min(Math.Max(wantedFps, 0), nativeFps);
        var span = seconds - _from;
        long lost;
        if (double.IsFinite(rate) && span > 0)
            lost = Math.Min(_discarded, (long)Math.Floor(span * rate + 0.01));   // due times strictly inside the span (the keyframe it resumes at is delivered)
        else
            lost = rate > 0 ? _discarded : 0;   // no span to count due times in: all of them if anything was wanted
        Interlocked.Add(ref stats.NotDecoded, -lost);
        Interlocked.Add(ref stats.DiscardedBehind, lost);
        _discarded = 0;
    }
}
