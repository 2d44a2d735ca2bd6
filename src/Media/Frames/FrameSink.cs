using Valkka.Media.Decoding;
using Valkka.Media.Native;
using Valkka.Media.Pacing;

namespace Valkka.Media.Frames;

/// <summary>
/// The end of a session's decode path: takes the decoded frames the wanted rate selects, paces
/// them (real-time files), gives them their wall-clock capture time and scales them into the
/// target; the others are counted and left alone (no sws_scale, no target).
/// </summary>
internal sealed unsafe class FrameSink(DecoderOptions options, IFrameTarget target, DecoderStats stats, PtsClock clock,
                                       FramePacer? pacer, ManualResetEventSlim stop, Action onFirstFrame, double nativeFps)
    : IDisposable
{
    private readonly FrameScaler _scaler = new();
    private readonly FrameSelector _selector = new(double.IsFinite(nativeFps) && nativeFps > 0 ? 0.4 / nativeFps : 0);
    private bool _decoded;

    public void SetRate(double fps) => _selector.SetRate(fps);

    /// <summary>Every packet read, decoded or not (a paced file's loop continues after the last one).</summary>
    public void SawPacket(long pts) => pacer?.Saw(pts);

    /// <summary>One decoded frame; false if stopped while pacing.</summary>
    public bool Offer(byte* frame, long pts, double seconds, long streamIndex, long arrivalMs)
    {
        if (!_decoded)
        {
            _decoded = true;
            onFirstFrame();
        }
        // Every decoded frame of a paced source waits for its time, wanted or not: otherwise a file or
        // synthetic camera that nobody reads (or reads at a low rate) would decode as fast as it can.
        if (pacer != null)
        {
            if (!pacer.WaitFor(pts, stop, out var dueUnixMs)) return false;
            arrivalMs = dueUnixMs;
        }
        if (!_selector.Wants(seconds))
        {
            Interlocked.Increment(ref stats.NotConverted);
            return true;
        }
        var timestamp = clock.ToWallMs(pts, arrivalMs);

        var (outW, outH) = OutputSize(*(int*)(frame + AvLayout.FrameWidth), *(int*)(frame + AvLayout.FrameHeight));
        if (!target.TryBeginFrame(outW, outH, out var destination, out var stride))
        {
            Interlocked.Increment(ref stats.Dropped);
            return true;
        }
        try
        {
            if (stride < outW * 3 || destination == null)
                throw new InvalidOperationException($"frame target gave stride {stride} (< {outW * 3}) or a null destination for {outW}x{outH} RGB24");
            _scaler.Scale(frame, outW, outH, destination, stride);
        }
        catch
        {
            target.AbortFrame();
            throw;
        }
        target.CommitFrame(timestamp, streamIndex);
        Interlocked.Increment(ref stats.Delivered);
        return true;
    }

    private (int W, int H) OutputSize(int w, int h)
    {
        return (options.Width, options.Height) switch
        {
            ({ } ow, { } oh) => (ow, oh),
            ({ } ow, null) => (ow, Even((long)h * ow / w)),
            (null, { } oh) => (Even((long)w * oh / h), oh),
            _ => (w, h),
        };
        static int Even(long v) => (int)Math.Max(2, v & ~1L);
    }

    public void Dispose() => _scaler.Dispose();
}
