namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class PythonBenchmarkSmokeTests
{
    [Fact]
    public void Tiny_python_run_reports_both_clients_their_call_times_and_the_ratio()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("python", "--runs", "1", "--frames", "40", "--warmup", "10", "--width", "320", "--height", "240", "--slots", "4");

        var results = json["results"]!;
        foreach (var client in new[] { "csharp", "python" })
        {
            Assert.True(BenchJson.Spread(results[client]!["frames_per_s"], client + ".frames_per_s") > 0);
            Assert.True(BenchJson.Spread(results[client]!["analyzer_call_p50_us"], client + ".analyzer_call_p50_us") > 0);
            BenchJson.Spread(results[client]!["client_cpu_ms_per_frame"], client + ".client_cpu_ms_per_frame");
        }
        // Only the Python client has a worker process that spends CPU.
        Assert.Equal(0, BenchJson.Spread(results["csharp"]!["worker_cpu_ms_per_frame"], "csharp.worker_cpu_ms_per_frame"));
        double fps(string v) => (double)results[v]!["frames_per_s"]!["median"]!;
        double ratio = BenchJson.Number(json["ratios"]!["python_vs_csharp_frames_per_s"], "python_vs_csharp_frames_per_s");
        Assert.True(Math.Abs(ratio - fps("python") / fps("csharp")) <= 1e-3 * ratio + 1e-4, $"ratio {ratio}");
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
