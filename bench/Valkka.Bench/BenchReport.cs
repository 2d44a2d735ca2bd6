using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// What one benchmark run produced, written as <c>{"benchmark": NAME, "results": {...}, "ratios": {...}}</c>.
/// Scripts rely on the names documented in docs/BENCHMARKS.md; ratios are plain numbers (medians of
/// per-repetition ratios), figures with spread are objects <c>{"median", "min", "max", "runs"}</c>.
/// </summary>
public sealed class BenchReport(string benchmark)
{
    public string Benchmark { get; } = benchmark;
    public JsonObject Results { get; } = new();
    public JsonObject Ratios { get; } = new();

    public static JsonObject ToJson(Measurement m)
    {
        var runs = new JsonArray();
        foreach (var r in m.Runs) runs.Add(Round(r));
        return new JsonObject { ["median"] = Round(m.Median), ["min"] = Round(m.Min), ["max"] = Round(m.Max), ["runs"] = runs };
    }

    /// <summary>Sets a ratio (its median) and keeps its min and max under results.ratio_ranges.</summary>
    public void SetRatio(string name, Measurement ratio)
    {
        Ratios[name] = Round(ratio.Median);
        if (Results["ratio_ranges"] is not JsonObject ranges) Results["ratio_ranges"] = ranges = new JsonObject();
        ranges[name] = ToJson(ratio);
    }

    public JsonObject ToJson() => new()
    {
        ["benchmark"] = Benchmark,
        ["results"] = Results.DeepClone(),
        ["ratios"] = Ratios.DeepClone(),
    };

    public string ToJsonText() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public void Write(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToJsonText() + "\n");
    }

    internal static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : 0;
}
