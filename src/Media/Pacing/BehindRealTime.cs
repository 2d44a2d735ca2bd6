using Valkka.Media.Decoding;

namespace Valkka.Media.Pacing;

/// <summary>
/// When a session's episode behind real time began (<see cref="DecoderStats.BehindSinceUnixMs"/>, 0: keeping
/// up), for its status, log and metrics. It begins at a skip to the newest keyframe and ends once the
/// session has read within a quarter of a keyframe interval (0.1 to 0.5 s) of real time for
/// <see cref="SettleSeconds"/> without skipping again, so a camera that cannot keep up (it skips every few
/// seconds) stays behind in one episode instead of flickering. Used on the decoder thread only.
/// </summary>
internal sealed class BehindRealTime(DecoderStats stats, TimeProvider time)
{
    public const double SettleSeconds = 5;
    private long _calmSince = -1;   // TimeProvider timestamp

    private bool Behind => Volatile.Read(ref stats.BehindSinceUnixMs) != 0;

    /// <summary>The session skipped to its newest keyframe: behind from now, unless already.</summary>
    public void Skipped()
    {
        _calmSince = -1;
        if (!Behind) Volatile.Write(ref stats.BehindSinceUnixMs, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>A packet read <paramref name="lateSeconds"/> behind real time and decoded (no skip).</summary>
    public void Read(double lateSeconds, double keyIntervalSeconds)
    {
        if (!Behind) return;
        if (lateSeconds > Math.Clamp(keyIntervalSeconds / 4, 0.1, 0.5))
        {
            _calmSince = -1;
            return;
        }
        var now = time.GetTimestamp();
        if (_calmSince < 0) _calmSince = now;
        else if (time.GetElapsedTime(_calmSince, now).TotalSeconds >= SettleSeconds) Volatile.Write(ref stats.BehindSinceUnixMs, 0);
    }
}
