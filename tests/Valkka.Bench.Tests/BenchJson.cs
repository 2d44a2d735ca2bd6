using System.Text.Json.Nodes;

namespace Valkka.Bench.Tests;

/// <summary>Runs a benchmark through the command line with --json and reads what it wrote.</summary>
internal static class BenchJson
{
    public static JsonObject Run(string benchmark, params string[] options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"valkka-bench-test-{Guid.NewGuid():N}.json");
        try
        {
            int code = BenchHost.Invoke([benchmark, .. options, "--json", path]);
            Assert.Equal(0, code);
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            Assert.NotNull(json);
            Assert.Equal(benchmark, (string?)json["benchmark"]);
            Assert.IsType<JsonObject>(json["results"]);
            Assert.IsType<JsonObject>(json["ratios"]);
            return json;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static double Number(JsonNode? node, string what)
    {
        Assert.True(node is JsonValue, $"{what} is missing or not a number");
        double v = (double)node!;
        Assert.True(double.IsFinite(v), $"{what} is {v}");
        return v;
    }

    /// <summary>A {"median","min","max","runs"} figure: min &lt;= median &lt;= max, all &gt;= 0.</summary>
    public static double Spread(JsonNode? node, string what)
    {
        Assert.True(node is JsonObject, $"{what} is missing");
        double median = Number(node!["median"], what + ".median");
        double min = Number(node["min"], what + ".min");
        double max = Number(node["max"], what + ".max");
        Assert.True(min >= 0 && min <= median && median <= max, $"{what}: min {min}, median {median}, max {max}");
        return median;
    }
}
