namespace Valkka.Bench.Tests;

[Trait("Speed", "Slow")]
public class DecodeSweepSmokeTests
{
    [Fact]
    public void Tiny_decode_sweep_searches_each_case_and_reports_its_largest_clean_count_limit_and_goals()
    {
        var before = ShmLeftovers.Now();
        var json = BenchJson.Run("decode-sweep", "--shapes", "gop25", "--rates", "5", "--start", "1", "--max", "2", "--step-seconds", "1",
            "--warmup-seconds", "1", "--case-seconds", "1", "--ffmpeg-runs", "1", "--clip-seconds", "2");

        var cases = json["results"]!["cases"]!.AsArray();
        Assert.Equal(["5 rate", "25 before"], cases.Select(c => $"{(int)c!["fps"]!} {(string)c["decoder"]!}"));
        foreach (var c in cases)
        {
            var steps = c!["steps"]!.AsArray();
            Assert.Single(steps); // the case's time cap (1 s) passed during its first step
            Assert.Equal(1, (int)steps[0]!["cameras"]!);
            Assert.True((long)steps[0]!["decoded"]! > 0, $"a step decoded nothing: {c}");
            long expectedBest = steps.Where(s => (long)s!["skips"]! == 0).Select(s => (long)s!["cameras"]!).DefaultIfEmpty(0).Max();
            Assert.Equal(expectedBest, (long)c["max_cameras"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)c["limited_by"]), $"no limit named: {c}");
            Assert.True(BenchJson.Spread(c["ffmpeg"]!["cpu_ms_per_frame"], "ffmpeg.cpu_ms_per_frame") > 0);
            Assert.Equal(3, (int)c["ring_slots"]! + ((string)c["decoder"]! == "before" ? -1 : 0));
        }
        var ratios = json["ratios"]!.AsObject();
        foreach (var (goal, _) in json["results"]!["goals"]!.AsObject()) Assert.True(ratios.ContainsKey(goal), $"goal {goal} has no ratio");
        ShmLeftovers.AssertNoneNewSince(before);
    }
}
