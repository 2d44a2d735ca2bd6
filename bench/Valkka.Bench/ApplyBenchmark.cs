using System.Text.Json.Nodes;
using Valkka.TestSupport;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench apply</c>: live changes of a running `valkka run` of N synthetic cameras (a keyframe a second),
/// each read by a client. (1) A camera and its client added: from the apply's answer to the client's first analyzed
/// frame, and how much of it the camera took to capture its first frame. (2) An apply of the unchanged file: the
/// request's time, and that it changes nothing. (3) Random adds, removes and changes of extra cameras and clients (in a
/// node of their own) one after the other: rings and processes left, frames skipped or lost on the untouched cameras
/// and clients, and the resident memory of the untouched nodes from the end of a warm-up (a tenth of the cycles) to the last.
/// </summary>
public static class ApplyBenchmark
{
    private const int ExtraPool = 6;

    public static BenchReport Run(ApplyOptions o, TextWriter log) => RunAsync(o, log).GetAwaiter().GetResult();

    private static async Task<BenchReport> RunAsync(ApplyOptions o, TextWriter log)
    {
        var name = TopologyRings.NewName();
        using var folder = new TempDirectory();
        var marks = Directory.CreateDirectory(Path.Combine(folder.Path, "marks")).FullName;
        var topology = new ApplyTopology(name, o, AppContext.BaseDirectory.TrimEnd('/'), marks);
        var file = Path.Combine(folder.Path, "apply.conf");
        var none = new Dictionary<int, int>();
        await File.WriteAllTextAsync(file, topology.Text(none));
        var report = new BenchReport("apply");
        using var run = new ApplyRun(name, file, Path.Combine(folder.Path, "run.log"));
        try
        {
            await run.UntilAsync(s => Enumerable.Range(1, o.Cameras).All(i => Long(s, "clients", $"c{i}", "analyzed") > 0), "every client analyzing");
            var pids = run.NodePids();
            log.WriteLine($"{o.Cameras} cameras running; node pids {string.Join(", ", pids.Select(p => $"{p.Key}={p.Value}"))}");

            await AddsAsync(o, run, topology, none, report, log);
            await UnchangedAsync(o, run, topology.Text(none), report, log);
            await CyclesAsync(o, run, topology, name, pids, report, log);
        }
        finally
        {
            var code = await run.StopAsync();
            report.Results["exit_code"] = code;
            report.Results["rings_left_after_stop"] = TopologyRings.Left(name).Count;
            TopologyRings.Remove(name);
        }
        return report;
    }

    private static async Task AddsAsync(ApplyOptions o, ApplyRun run, ApplyTopology topology, Dictionary<int, int> none, BenchReport report, TextWriter log)
    {
        var firstAnalyzed = new List<double>();
        var firstCaptured = new List<double>();
        var fromRequest = new List<double>();
        var applyTook = new List<double>();
        for (var i = 0; i < o.Adds; i++)
        {
            File.Delete(topology.MarkOf(1));
            var asked = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var (_, took) = await run.ApplyAsync(topology.Text(new Dictionary<int, int> { [1] = 0 }));
            var answered = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            applyTook.Add(took.TotalMilliseconds);
            await Wait.UntilAsync(() => File.Exists(topology.MarkOf(1)) && new FileInfo(topology.MarkOf(1)).Length > 0, TimeSpan.FromSeconds(30),
                "the added client's first analyzed frame");
            var mark = (await File.ReadAllTextAsync(topology.MarkOf(1))).Split(' ').Select(long.Parse).ToArray();
            firstAnalyzed.Add((mark[0] - answered) / 1000.0);
            firstCaptured.Add((mark[1] - answered) / 1000.0);
            fromRequest.Add((mark[0] - asked) / 1000.0);
            log.WriteLine($"add {i + 1}: apply took {took.TotalMilliseconds:0} ms; first frame captured {firstCaptured[^1]:0.000} s and analyzed " +
                          $"{firstAnalyzed[^1]:0.000} s after it answered ({fromRequest[^1]:0.000} s after it was asked)");
            await run.ApplyAsync(topology.Text(none));
        }
        report.Results["add_first_analyzed_seconds"] = BenchReport.ToJson(Measurement.Of(firstAnalyzed));
        report.Results["add_first_captured_seconds"] = BenchReport.ToJson(Measurement.Of(firstCaptured));
        report.Results["add_first_analyzed_from_request_seconds"] = BenchReport.ToJson(Measurement.Of(fromRequest));
        report.Results["add_apply_ms"] = BenchReport.ToJson(Measurement.Of(applyTook));
    }

    private static async Task UnchangedAsync(ApplyOptions o, ApplyRun run, string text, BenchReport report, TextWriter log)
    {
        var times = new List<double>();
        var changes = 0;
        for (var i = 0; i < o.Unchanged; i++)
        {
            var (answer, took) = await run.ApplyAsync(text);
            times.Add(took.TotalMilliseconds);
            changes += answer["changes"]!.AsArray().Count;
        }
        var m = Measurement.Of(times);
        log.WriteLine($"apply of the unchanged file: {m} ms, {changes} changes");
        report.Results["unchanged_apply_ms"] = BenchReport.ToJson(m);
        report.Results["unchanged_apply_changes"] = changes;
    }

    private static async Task CyclesAsync(ApplyOptions o, ApplyRun run, ApplyTopology topology, string name, IReadOnlyDictionary<string, int> pids,
        BenchReport report, TextWriter log)
    {
        var random = new Random(o.Seed);
        var extras = new Dictionary<int, int>();
        var untouched = pids.Where(p => p.Key != "extra").ToDictionary();
        log.WriteLine($"warming up {o.WarmupSeconds} s before the cycles");
        await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
        var before = await run.StatusAsync();
        // Resident memory from the end of a warm-up (a tenth of the cycles: the runtime's own growth after a start) to the end.
        var warmUp = o.Cycles / 10;
        var rssBefore = untouched.ToDictionary(p => p.Key, p => ApplyRun.Rss(p.Value));
        var failures = 0;
        // Every 50 cycles: whether the memory keeps growing or settles (a bound, not a trend).
        var rssSeries = untouched.Keys.ToDictionary(k => k, _ => new JsonArray());
        for (var cycle = 0; cycle < o.Cycles; cycle++)
        {
            if (cycle == warmUp) rssBefore = untouched.ToDictionary(p => p.Key, p => ApplyRun.Rss(p.Value));
            if (cycle % 50 == 0)
                foreach (var (key, pid) in untouched) rssSeries[key].Add(Math.Round(ApplyRun.Rss(pid) / 1048576.0, 1));
            var j = 1 + random.Next(ExtraPool);
            if (!extras.ContainsKey(j)) extras[j] = 0;
            else if (random.Next(2) == 0) extras.Remove(j);
            else extras[j]++;
            var (answer, _) = await run.ApplyAsync(topology.Text(extras));
            failures += answer["failures"]!.AsArray().Count;
            if ((cycle + 1) % 50 == 0) log.WriteLine($"cycle {cycle + 1}: {extras.Count} extra cameras, {failures} failures so far");
            await Task.Delay(o.CyclePauseMs);
        }
        await run.ApplyAsync(topology.Text(new Dictionary<int, int>()));
        await Task.Delay(TimeSpan.FromSeconds(2));   // one more report of every node after the last change
        var after = await run.StatusAsync();
        var rssAfter = untouched.ToDictionary(p => p.Key, p => ApplyRun.Rss(p.Value));
        var pidsAfter = run.NodePids();

        var lostOrSkipped = Enumerable.Range(1, o.Cameras).Sum(i =>
            Delta(before, after, "cameras", $"cam{i}", "dropped") + Delta(before, after, "cameras", $"cam{i}", "lost")
            + Delta(before, after, "cameras", $"cam{i}", "discardedBehind")
            + Delta(before, after, "clients", $"c{i}", "skipped") + Delta(before, after, "clients", $"c{i}", "stale"));
        var rings = TopologyRings.Left(name).Count(r => !r.Contains(".cam-cam", StringComparison.Ordinal));
        var restarted = untouched.Count(p => pidsAfter.GetValueOrDefault(p.Key) != p.Value);
        var rssGrowth = untouched.Keys.ToDictionary(k => k, k => 100.0 * (rssAfter[k] - rssBefore[k]) / rssBefore[k]);
        log.WriteLine($"{o.Cycles} cycles: {failures} failures; extra rings left {rings}; untouched node processes restarted {restarted}; " +
                      $"frames skipped, stale, dropped or lost on untouched cameras and clients {lostOrSkipped}; RSS of untouched nodes " +
                      string.Join(", ", rssGrowth.Select(g => $"{g.Key} {g.Value:+0.0;-0.0} %")));
        report.Results["cycles"] = o.Cycles;
        report.Results["cycle_failures"] = failures;
        report.Results["cycle_extra_rings_left"] = rings;
        report.Results["cycle_untouched_restarted"] = restarted;
        report.Results["cycle_untouched_frames_lost_or_skipped"] = lostOrSkipped;
        report.Results["cycle_untouched_rss_mib_every_50_cycles"] = new JsonObject(rssSeries.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Value)));
        report.Results["cycle_untouched_rss_growth_percent"] = new JsonObject(rssGrowth.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)Math.Round(g.Value, 2))));
    }

    private static long Long(JsonNode status, string kind, string id, string counter) => status[kind]?[id]?[counter]?.GetValue<long>() ?? 0;

    private static long Delta(JsonNode before, JsonNode after, string kind, string id, string counter) =>
        Long(after, kind, id, counter) - Long(before, kind, id, counter);
}
