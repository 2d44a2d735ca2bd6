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
    /// <summary>Busy loops that ran alongside, and the load average at the end of the faults.</summary>
    public int Hogs { get; init; }
    public string LoadAverage { get; set; } = "?";

    public bool Passed => StartupProblems.Count == 0 && _results.Count > 0 && _results.All(r => r.Passed)
                          && RingsLeft.Count == 0 && ProcessesLeft.Count == 0;

    public void Add(FaultResult result) => _results.Add(result);

    /// <summary>The 95th percentile of the kills' recovery times (null: no kill recovered).</summary>
    public double? KillRecoveryP95() => KillRecovery()[^1].P95;

    /// <summary>Kill recoveries per kind of node killed (camera, client, master), then of all kills.</summary>
    public IReadOnlyList<KillRecoveryStats> KillRecovery()
    {
        var kills = _results.Where(r => r.Fault == FaultNames.Kill).ToList();
        return kills.GroupBy(k => k.TargetKind ?? "node").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KillRecoveryStats.Of(g.Key, g.ToList())).Append(KillRecoveryStats.Of("all", kills)).ToList();
    }

    public static string Row(FaultResult r) =>
        $"{r.Fault,-17} {(r.SkippedBecause is null ? r.Passed ? "ok" : "FAILED" : "skipped"),-7} " +
        $"{(r.RecoverySeconds is { } s ? $"{s:0.0}s" : "-"),9} {r.FramesLost,7} {r.Restarts,8} {r.ExtraRings,6}  " +
        $"{r.Target}{(r.SkippedBecause is { } why ? $" ({why})" : "")}{(r.Problems.Count > 0 ? ": " + string.Join("; ", r.Problems) : "")}";

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine($"chaos on {topology} (seed {seed}; {Hogs} busy loop(s); load average at the end {LoadAverage}; log {logPath})");
        text.AppendLine($"{"fault",-17} {"result",-7} {"recovery",9} {"lost",7} {"restarts",8} {"rings",6}  target / problems");
        foreach (var r in _results) text.AppendLine(Row(r));
        foreach (var p in StartupProblems) text.AppendLine($"start-up: {p}");
        text.AppendLine($"{"kill recovery",-17} {"kills",5} {"p50",7} {"p95",7} {"max",7} {"not recovered",13} {"deaf",5}");
        foreach (var k in KillRecovery())
            text.AppendLine($"{(k.Kind == "all" ? "all kills" : k.Kind + " node"),-17} {k.Kills,5} {Seconds(k.P50),7} {Seconds(k.P95),7} {Seconds(k.Max),7} {k.NotRecovered,13} {k.Deaf,5}");
        text.AppendLine($"left after the run: {RingsLeft.Count} ring(s) in /dev/shm{List(RingsLeft)}, {ProcessesLeft.Count} node process(es){List(ProcessesLeft.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
        text.Append(Passed ? "PASSED" : "FAILED");
        return text.ToString();
    }

    private static string Seconds(double? s) => s is { } v ? $"{v:0.0}s" : "-";

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
                ["targetKind"] = r.TargetKind,
                ["recoverySeconds"] = Round(r.RecoverySeconds),
                ["confirmedSeconds"] = Round(r.ConfirmedSeconds),
                ["deaf"] = r.Deaf,
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
            ["hogs"] = Hogs,
            ["loadAverage"] = LoadAverage,
            ["passed"] = Passed,
            ["startupProblems"] = new JsonArray(StartupProblems.Select(p => (JsonNode)p).ToArray()),
            ["faults"] = faults,
            ["killRecoveryP95Seconds"] = Round(KillRecoveryP95()),
            ["killRecovery"] = new JsonArray(KillRecovery().Select(k => (JsonNode)new JsonObject
            {
                ["kind"] = k.Kind,
                ["kills"] = k.Kills,
                ["p50Seconds"] = Round(k.P50),
                ["p95Seconds"] = Round(k.P95),
                ["maxSeconds"] = Round(k.Max),
                ["notRecovered"] = k.NotRecovered,
                ["deaf"] = k.Deaf,
            }).ToArray()),
            ["deafNodes"] = _results.Count(r => r.Deaf),
            ["leaks"] = new JsonObject
            {
                ["ringsLeft"] = new JsonArray(RingsLeft.Select(r => (JsonNode)r).ToArray()),
                ["processesLeft"] = new JsonArray(ProcessesLeft.Select(p => (JsonNode)p).ToArray()),
            },
        };
    }

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 3) : null;

    public void WriteJson(string path) =>
        File.WriteAllText(path, Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
