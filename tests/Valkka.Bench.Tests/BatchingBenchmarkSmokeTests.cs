namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class BatchingBenchmarkSmokeTests
{
    [Fact]
    public void Tiny_batching_run_compares_batch_sizes_one_and_eight()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("batching", "--runs", "1", "--cameras", "2", "--seconds", "1", "--width", "320", "--height", "240");

        var r = json["results"]!;
        double fps1 = BenchJson.Spread(r["batch1"]!["frames_per_s"], "batch1.frames_per_s");
        double fps8 = BenchJson.Spread(r["batch8"]!["frames_per_s"], "batch8.frames_per_s");
        Assert.True(fps1 > 0 && fps8 > 0);
        Assert.Equal(1.0, BenchJson.Spread(r["batch1"]!["mean_batch_size"], "batch1.mean_batch_size"), 3);
        Assert.InRange(BenchJson.Spread(r["batch8"]!["mean_batch_size"], "batch8.mean_batch_size"), 1.0, 8.0);
        BenchJson.Spread(r["batch8"]!["request_p50_ms"], "batch8.request_p50_ms");
        double ratio = BenchJson.Number(json["ratios"]!["batch8_vs_batch1"], "batch8_vs_batch1");
        Assert.True(Math.Abs(ratio - fps8 / fps1) <= 1e-3 * (fps8 / fps1) + 1e-4, $"batch8_vs_batch1 {ratio} vs {fps8 / fps1}");
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
