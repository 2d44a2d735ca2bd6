using Valkka.Actors.Analysis;

namespace Valkka.Samples.Tests;

public class HeavyBatchAnalyzerTests
{
    private static void Stripes(NativeFrame frame, bool vertical)
    {
        for (var y = 0; y < frame.Height; y++)
        for (var x = 0; x < frame.Width; x++)
            frame.Span.Slice(y * frame.Stride + x * 3, 3).Fill(((vertical ? x : y) / 8 % 2) == 0 ? (byte)0 : (byte)255);
    }

    [Fact]
    public void Returns_one_result_per_frame_in_order()
    {
        using var a = new NativeFrame(640, 360);
        using var b = new NativeFrame(320, 240);
        Stripes(a, vertical: true);
        Stripes(b, vertical: false);
        var analyzer = new HeavyBatchAnalyzer();
        var frames = new[] { a.Frame("x", 10), b.Frame("y", 20), a.Frame("z", 30), b.Frame("x", 40), a.Frame("y", 50) };

        var results = analyzer.AnalyzeBatch(frames);

        Assert.Equal(frames.Length, results.Count);
        var typed = results.Cast<EdgeHistogram>().ToList();
        Assert.Equal(["x", "y", "z", "x", "y"], typed.Select(r => r.CameraId));
        Assert.Equal([10L, 20L, 30L, 40L, 50L], typed.Select(r => r.Sequence));
        Assert.Equal(5, analyzer.FramesAnalyzed);
        Assert.Empty(analyzer.AnalyzeBatch(ReadOnlySpan<BatchFrame>.Empty));
    }

    [Fact]
    public void Stripe_direction_decides_the_dominant_orientation_bin()
    {
        using var vertical = new NativeFrame(320, 240);
        using var horizontal = new NativeFrame(320, 240);
        Stripes(vertical, vertical: true);
        Stripes(horizontal, vertical: false);
        var analyzer = new HeavyBatchAnalyzer(AnalyzerSettings.Parse("scales = 2, bins = 4"));

        var v = analyzer.Analyze(vertical.View());
        var h = analyzer.Analyze(horizontal.View());

        // Vertical stripes vary along x: gradient angle 0 -> bin 0. Horizontal: angle pi/2 -> bin 2.
        for (var s = 0; s < 2; s++)
        {
            Assert.True(v.Histogram[s * 4 + 0] > 0.99f, $"scale {s}: {string.Join(",", v.Histogram)}");
            Assert.True(h.Histogram[s * 4 + 2] > 0.99f, $"scale {s}: {string.Join(",", h.Histogram)}");
        }
        Assert.True(v.EdgeDensity > 0.05);
    }

    [Fact]
    public void A_flat_frame_has_no_edges()
    {
        using var flat = new NativeFrame(200, 100);
        flat.Fill(128, 128, 128);
        var r = new HeavyBatchAnalyzer().Analyze(flat.View());
        Assert.Equal(0, r.MeanMagnitude);
        Assert.All(r.Histogram, v => Assert.Equal(0, v));
    }
}
