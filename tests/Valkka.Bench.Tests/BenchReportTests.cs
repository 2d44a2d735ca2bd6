using System.Text.Json.Nodes;

namespace Valkka.Bench.Tests;

public class BenchReportTests
{
    [Fact]
    public void Json_has_benchmark_results_and_ratios_with_ratio_ranges_kept_in_results()
    {
        var report = new BenchReport("transport");
        report.Results["framework"] = BenchReport.ToJson(Measurement.Of([10, 30, 20]));
        report.SetRatio("framework_vs_memcpy", Measurement.Of([0.5, 0.7, 0.6]));

        var json = JsonNode.Parse(report.ToJsonText())!;
        Assert.Equal("transport", (string?)json["benchmark"]);
        Assert.Equal(20, (double)json["results"]!["framework"]!["median"]!);
        Assert.Equal(0.6, (double)json["ratios"]!["framework_vs_memcpy"]!);
        Assert.Equal(0.5, (double)json["results"]!["ratio_ranges"]!["framework_vs_memcpy"]!["min"]!);
        Assert.Equal(3, json["results"]!["framework"]!["runs"]!.AsArray().Count);
    }
}
