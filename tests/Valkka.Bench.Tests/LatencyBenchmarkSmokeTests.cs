namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class LatencyBenchmarkSmokeTests
{
    [Fact]
    public void Tiny_latency_run_reports_percentiles_next_to_the_wakeup_limit()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("latency", "--runs", "1", "--cameras", "2", "--fps", "25", "--seconds", "1",
            "--width", "320", "--height", "240", "--wakeups", "50");

        var r = json["results"]!;
        double p50 = BenchJson.Number(r["p50_us"], "p50_us");
        double p90 = BenchJson.Number(r["p90_us"], "p90_us");
        double p99 = BenchJson.Number(r["p99_us"], "p99_us");
        double max = BenchJson.Number(r["max_us"], "max_us");
        Assert.True(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max, $"p50 {p50} p90 {p90} p99 {p99} max {max}");
        Assert.True(BenchJson.Number(r["limit_p50_us"], "limit_p50_us") > 0);
        // At most 2 cameras x 25 fps over the clients' window, plus per camera the frames committed before the
        // window and analyzed in it (the client's credit, 2) and one a late producer commits early; fewer when
        // frames waited for credit.
        double window = BenchJson.Number(r["window_s_max"], "window_s_max");
        Assert.InRange(window, 0.1, 10.0);
        Assert.InRange((long)r["samples_per_run"]!, 1, (long)Math.Floor(2 * 25 * window) + 2 * (2 + 1));
        Assert.Single(r["futex"]!["p50_us"]!["runs"]!.AsArray());
        double akkaP50 = BenchJson.Number(r["akka_p50_us"], "akka_p50_us");
        Assert.True(akkaP50 > 0 && akkaP50 <= BenchJson.Number(r["akka_p99_us"], "akka_p99_us"));
        BenchJson.Number(json["ratios"]!["p50_vs_limit_p50"], "p50_vs_limit_p50");
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
