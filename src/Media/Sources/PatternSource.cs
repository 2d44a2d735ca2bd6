using System.Diagnostics;
using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Sessions;

namespace Valkka.Media.Sources;

/// <summary>
/// pattern:// : no codec at all; writes <see cref="PatternFrames"/> frames (frame number in every
/// row) at the configured rate (fps=0: as fast as the target takes them).
/// </summary>
internal sealed unsafe class PatternSource(MediaSource source, IFrameTarget target, ManualResetEventSlim stop,
                                          DecoderStats stats, WantedRate rate, Action onFirstFrame)
{
    public SessionEnd Run()
    {
        var clock = Stopwatch.StartNew();
        var intervalMs = source.Fps > 0 ? 1000.0 / source.Fps : 0;
        int w = source.Width, h = source.Height;
        var started = false;
        var selector = new FrameSelector(intervalMs > 0 ? 0.4 * intervalMs / 1000 : 0);
        for (long n = 0; ; n++)
        {
            if (intervalMs > 0)
            {
                var wait = n * intervalMs - clock.Elapsed.TotalMilliseconds;
                if (wait < -1000) { clock.Restart(); n = 0; wait = 0; }   // far behind: rebase
                if (wait >= 1 && stop.Wait(TimeSpan.FromMilliseconds(wait))) return SessionEnd.Stopped;
            }
            if (stop.IsSet) return SessionEnd.Stopped;
            Interlocked.Increment(ref stats.Read);
            var frameNumber = Interlocked.Increment(ref stats.Decoded) - 1;
            if (!started)
            {
                started = true; // streaming from the first frame made, as FrameSink: a camera without readers converts none
                onFirstFrame();
            }
            selector.SetRate(rate.Fps);
            if (!selector.Wants(intervalMs > 0 ? n * intervalMs / 1000 : clock.Elapsed.TotalSeconds))
            {
                Interlocked.Increment(ref stats.NotConverted);
                continue;
            }
            if (!target.TryBeginFrame(w, h, out var destination, out var stride))
            {
                Interlocked.Increment(ref stats.Dropped);
                continue;
            }
            try
            {
                PatternFrames.Fill(new Span<byte>(destination, stride * (h - 1) + w * 3), w, h, stride, frameNumber);
            }
            catch
            {
                target.AbortFrame();
                throw;
            }
            target.CommitFrame(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), frameNumber);
            Interlocked.Increment(ref stats.Delivered);
        }
    }
}
