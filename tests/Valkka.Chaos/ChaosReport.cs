using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valkka.Chaos;

/// <summary>What a chaos run found: one row per fault, what was left at the end, the table and the JSON.</summary>
public sealed class ChaosReport(string topology, int seed, string logPath)
{
    private readonly List<FaultResult> _results = [];

    public IReadOnlyList<FaultResult> Results => _results;
    public IReadOnlyList<string> StartupProblems { get; set; } = [];
    public IReadOnlyList<string> RingsLeft { get; set; } = [];
    public IReadOnlyList<int> ProcessesLeft { get; set; } = [];

    public bool Passed => StartupProblems.Count == 0 && _results.Count > 0 && _results.All(r => r.Passed)
                          && RingsLeft.Count == 0 && ProcessesLeft.Count == 0;

    public void Add(FaultResult result) => _results.Add(result);

    /// <summary>The 95th percentile of the kills' recovery times (null: no kill recovered).</summary>
    public double? KillRecoveryP95()
    {
        var times = _results.Where(r => r.Fault == FaultNames.Kill && r.RecoverySeconds is not null)
            .Select(r => r.RecoverySeconds!.Value).Order().ToList();
        return times.Count == 0 ? null : times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)];
    }

    public static string Row(FaultResult r) =>
        $"{r.Fault,-17} {(r.SkippedBecause is null ? r.Passed ? "ok" : "FAILED" : "skipped"),-7} " +
        $"{(r.RecoverySeconds is { } s ? $"{s:0.0}s" : "-"),9} {r.FramesLost,7} {r.Restarts,8} {r.ExtraRings,6}  " +
        $"{r.Target}{(r.SkippedBecause is { } why ? $" ({why})" : "")}{(r.Problems.Count > 0 ? ": " + string.Join("; ", r.Problems) : "")}";

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine($"chaos on {topology} (seed {seed}; log {logPath})");
        text.AppendLine($"{"fault",-17} {"result",-7} {"recovery",9} {"lost",7} {"restarts",8} {"rings",6}  target / problems");
        foreach (var r in _results) text.AppendLine(Row(r));
        foreach (var p in StartupProblems) text.AppendLine($"start-up: {p}");
        var p95 = KillRecoveryP95();
        text.AppendLine($"kills: {_results.Count(r => r.Fault == FaultNames.Kill)}, deaf (not recovered): " +
                        $"{_results.Count(r => r.Fault == FaultNames.Kill && r.RecoverySeconds is null)}, recovery p95: {(p95 is { } v ? $"{v:0.0}s" : "-")}");
        text.AppendLine($"left after the run: {RingsLeft.Count} ring(s) in /dev/shm{List(RingsLeft)}, {ProcessesLeft.Count} node process(es){List(ProcessesLeft.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
        text.Append(Passed ? "PASSED" : "FAILED");
        return text.ToString();
    }

    private static string List(IEnumerable<string> items) => items.Any() ? " (" + string.Join(", ", items) + ")" : "";

    public JsonObject Json()
    {
        var faults = new JsonArray();
        foreach (var r in _results)
        {
            faults.Add(new JsonObject
            {
                ["fault"] = r.Fault,
                ["target"] = r.Target,
                ["passed"] = r.Passed,
                ["skipped"] = r.SkippedBecause,
                ["recoverySeconds"] = r.RecoverySeconds is { } s ? Math.Round(s, 3) : null,
                ["framesLost"] = r.FramesLost,
                ["restarts"] = r.Restarts,
                ["extraRings"] = r.ExtraRings,
                ["problems"] = new JsonArray(r.Problems.Select(p => (JsonNode)p).ToArray()),
            });
        }
        return new JsonObject
        {
            ["topology"] = topology,
            ["seed"] = seed,
            ["passed"] = Passed,
            ["startupProblems"] = new JsonArray(StartupProblems.Select(p => (JsonNode)p).ToArray()),
            ["faults"] = faults,
            ["killRecoveryP95Seconds"] = KillRecoveryP95() is { } p95 ? Math.Round(p95, 3) : null,
            ["leaks"] = new JsonObject
            {
                ["ringsLeft"] = new JsonArray(RingsLeft.Select(r => (JsonNode)r).ToArray()),
                ["processesLeft"] = new JsonArray(ProcessesLeft.Select(p => (JsonNode)p).ToArray()),
            },
        };
    }

    public void WriteJson(string path) =>
        File.WriteAllText(path, Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
