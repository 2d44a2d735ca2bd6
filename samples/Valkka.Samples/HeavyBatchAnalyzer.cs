using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>
/// Master analyzer doing real CPU work per frame: a grey copy downscaled to <c>work-width</c>,
/// then at each of <c>scales</c> halvings a Sobel gradient whose orientations are binned into a
/// magnitude-weighted histogram of <c>bins</c> bins. Work buffers are kept between batches.
/// Settings: work-width (320), scales (3), bins (8), edge-threshold (64: Sobel magnitude that counts as an edge).
/// </summary>
public sealed class HeavyBatchAnalyzer : IBatchAnalyzer
{
    private float[][] _levels = [];
    private int _levelWidth = -1, _levelHeight = -1;

    public HeavyBatchAnalyzer() : this(AnalyzerSettings.Empty) { }

    public HeavyBatchAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        WorkWidth = Settings.PositiveInt(settings, "work-width", 320, min: 16);
        Scales = Settings.PositiveInt(settings, "scales", 3);
        Bins = Settings.PositiveInt(settings, "bins", 8, min: 2);
        EdgeThreshold = Settings.Double(settings, "edge-threshold", 64, 0, 10_000);
    }

    public int WorkWidth { get; }
    public int Scales { get; }
    public int Bins { get; }
    public double EdgeThreshold { get; }
    public long FramesAnalyzed { get; private set; }

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        for (var i = 0; i < frames.Count; i++)
            results[i] = Analyze(frames[i]);
    }

    public EdgeHistogram Analyze(in FrameView frame)
    {
        var factor = Math.Max(1, (frame.Width + WorkWidth - 1) / WorkWidth);
        var w = Math.Max(1, frame.Width / factor);
        var h = Math.Max(1, frame.Height / factor);
        EnsureLevels(w, h);
        Shrink(frame, factor, _levels[0], w, h);

        var histogram = new float[Scales * Bins];
        double magnitudeSum = 0;
        long pixels = 0, edges = 0;
        for (var s = 0; s < Scales; s++)
        {
            if (s > 0) Halve(_levels[s - 1], w, h, _levels[s], out w, out h);
            var (sum, count, edgeCount) = Gradients(_levels[s], w, h, histogram.AsSpan(s * Bins, Bins));
            magnitudeSum += sum;
            pixels += count;
            edges += edgeCount;
        }

        FramesAnalyzed++;
        return new EdgeHistogram(frame.CameraId, frame.Sequence, Scales, Bins, histogram,
            pixels == 0 ? 0 : magnitudeSum / pixels, pixels == 0 ? 0 : (double)edges / pixels);
    }

    private (double Sum, long Count, long Edges) Gradients(float[] img, int w, int h, Span<float> bins)
    {
        double sum = 0, total = 0;
        long count = 0, edges = 0;
        var binScale = Bins / MathF.PI;
        var threshold = (float)EdgeThreshold;
        for (var y = 1; y < h - 1; y++)
        {
            var up = (y - 1) * w;
            var mid = y * w;
            var down = (y + 1) * w;
            for (var x = 1; x < w - 1; x++)
            {
                var gx = img[up + x + 1] + 2 * img[mid + x + 1] + img[down + x + 1]
                       - img[up + x - 1] - 2 * img[mid + x - 1] - img[down + x - 1];
                var gy = img[down + x - 1] + 2 * img[down + x] + img[down + x + 1]
                       - img[up + x - 1] - 2 * img[up + x] - img[up + x + 1];
                var mag = MathF.Sqrt(gx * gx + gy * gy);
                sum += mag;
                count++;
                if (mag > threshold) edges++;
                if (mag <= 0) continue;
                // Unsigned orientation in [0, pi): an edge and its reverse fall in the same bin.
                var angle = MathF.Atan2(gy, gx);
                if (angle < 0) angle += MathF.PI;
                if (angle >= MathF.PI) angle -= MathF.PI;
                var bin = Math.Min(Bins - 1, (int)(angle * binScale));
                bins[bin] += mag;
                total += mag;
            }
        }
        if (total > 0)
            for (var i = 0; i < bins.Length; i++) bins[i] = (float)(bins[i] / total);
        return (sum, count, edges);
    }

    private void EnsureLevels(int w, int h)
    {
        if (w == _levelWidth && h == _levelHeight && _levels.Length == Scales) return;
        _levels = new float[Scales][];
        for (int s = 0, lw = w, lh = h; s < Scales; s++, lw = Math.Max(1, lw / 2), lh = Math.Max(1, lh / 2))
            _levels[s] = new float[lw * lh];
        _levelWidth = w;
        _levelHeight = h;
    }

    private static void Shrink(in FrameView frame, int factor, float[] grey, int w, int h)
    {
        var (bpp, ro, go, bo) = FramePixels.Layout(frame);
        var inv = 1f / (factor * factor);
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var sum = 0f;
            for (var dy = 0; dy < factor; dy++)
            {
                var row = frame.Row(y * factor + dy);
                for (int dx = 0, i = x * factor * bpp; dx < factor; dx++, i += bpp)
                    sum += 0.299f * row[i + ro] + 0.587f * row[i + go] + 0.114f * row[i + bo];
            }
            grey[y * w + x] = sum * inv;
        }
    }

    private static void Halve(float[] src, int w, int h, float[] dst, out int dw, out int dh)
    {
        dw = Math.Max(1, w / 2);
        dh = Math.Max(1, h / 2);
        for (var y = 0; y < dh; y++)
        for (var x = 0; x < dw; x++)
        {
            int x0 = Math.Min(2 * x, w - 1), x1 = Math.Min(2 * x + 1, w - 1);
            int y0 = Math.Min(2 * y, h - 1), y1 = Math.Min(2 * y + 1, h - 1);
            dst[y * dw + x] = 0.25f * (src[y0 * w + x0] + src[y0 * w + x1] + src[y1 * w + x0] + src[y1 * w + x1]);
        }
    }
}
