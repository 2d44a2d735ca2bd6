namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class TransportBenchmarkSmokeTests
{
    [Fact]
    public void Tiny_transport_run_reports_every_variant_and_the_documented_ratios()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("transport", "--runs", "1", "--frames", "40", "--akka-frames", "4", "--warmup", "3",
            "--width", "320", "--height", "240", "--slots", "4", "--window", "2");

        var results = json["results"]!;
        foreach (var variant in new[] { "framework", "framework_akka", "akka_bytes", "python_shm", "memcpy", "raw_pair", "csharp_reader", "python_reader" })
        {
            Assert.True(BenchJson.Spread(results[variant]!["frames_per_s"], variant + ".frames_per_s") > 0);
            BenchJson.Spread(results[variant]!["cpu_ms_per_frame"], variant + ".cpu_ms_per_frame");
        }
        // Doorbell: the camera writes 40 frames without waiting; the client analyzes them or skips to the newest.
        Assert.InRange((long)results["framework"]!["frames_per_run"]!, 1, 40);
        Assert.Equal(40, BenchJson.Spread(results["framework"]!["written_per_run"], "framework.written_per_run"));
        Assert.Equal(40, (long)results["framework_akka"]!["frames_per_run"]!);
        Assert.Equal(4, (long)results["akka_bytes"]!["frames_per_run"]!);
        // The raw C pair and the standalone readers read some of the 40 frames the writer wrote back to back.
        foreach (var variant in new[] { "raw_pair", "csharp_reader", "python_reader" })
        {
            Assert.InRange((long)results[variant]!["frames_per_run"]!, 1, 40);
            Assert.Equal(40, BenchJson.Spread(results[variant]!["written_per_run"], variant + ".written_per_run"));
        }

        var ratios = json["ratios"]!;
        double fps(string v) => (double)results[v]!["frames_per_s"]!["median"]!;
        var pairs = new[]
        {
            ("framework", "akka_bytes"), ("framework", "python_shm"), ("framework", "memcpy"), ("framework", "framework_akka"),
            ("python_reader", "csharp_reader"), ("python_reader", "python_shm"), ("framework", "raw_pair"), ("memcpy", "raw_pair"),
            ("python_reader", "raw_pair"), ("csharp_reader", "raw_pair"), ("python_shm", "raw_pair"),
        };
        foreach (var (variant, baseline) in pairs)
        {
            string name = $"{variant}_vs_{baseline}";
            double ratio = BenchJson.Number(ratios[name], name);
            // One run: the ratio is exactly the quotient of the two reported rates.
            double expected = fps(variant) / fps(baseline);
            Assert.True(Math.Abs(ratio - expected) <= 1e-3 * expected + 1e-4, $"{name} {ratio} vs {expected}");
        }
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
