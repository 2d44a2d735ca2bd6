namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class DecodeBenchmarkSmokeTests
{
    [Fact]
    public void Tiny_decode_sweep_reports_steps_the_largest_clean_count_and_the_ffmpeg_ratio()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("decode", "--runs", "1", "--start", "1", "--step", "1", "--max", "2", "--seconds", "1", "--clip-seconds", "2");

        var r = json["results"]!;
        Assert.True(BenchJson.Spread(r["ffmpeg"]!["cpu_ms_per_frame"], "ffmpeg.cpu_ms_per_frame") > 0);
        var steps = r["steps"]!.AsArray();
        Assert.InRange(steps.Count, 1, 2);
        foreach (var step in steps)
        {
            Assert.True((long)step!["decoded"]! > 0, "a step decoded nothing");
            long skips = (long)step["skips"]!;
            Assert.True(skips >= (long)step["ring_dropped"]! + (long)step["client_skipped"]! + (long)step["client_stale"]!);
        }
        long best = (long)r["max_cameras_zero_skips"]!;
        long expectedBest = steps.Where(s => (long)s!["skips"]! == 0).Select(s => (long)s!["cameras"]!).DefaultIfEmpty(0).Max();
        Assert.Equal(expectedBest, best);
        long realTime = (long)r["max_cameras_real_time"]!;
        Assert.True(realTime >= 0 && realTime <= (long)steps[^1]!["cameras"]!);
        Assert.True(BenchJson.Number(json["ratios"]!["cpu_per_frame_vs_ffmpeg"], "cpu_per_frame_vs_ffmpeg") > 0);
        ShmLeftovers.AssertNoneNewSince(before);
    }

    [Fact]
    public void Tiny_sweep_at_5_fps_on_one_client_node_delivers_the_rate_and_counts_skips_for_the_rate_apart()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("decode", "--runs", "1", "--start", "2", "--step", "1", "--max", "2", "--seconds", "2", "--clip-seconds", "2",
            "--fps", "5", "--clip-shape", "gop25", "--client-nodes", "one");

        var r = json["results"]!;
        Assert.Contains("fps=5", (string)r["ffmpeg"]!["command"]!);
        var step = Assert.Single(r["steps"]!.AsArray())!;
        long analyzed = (long)step["analyzed"]!, expected = (long)step["expected"]!;
        Assert.InRange(expected, 15, 25); // 2 cameras x 5 fps x about 2 s
        Assert.True(analyzed > 0 && (long)step["skipped_for_rate"]! > analyzed, $"step: {step}");
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
