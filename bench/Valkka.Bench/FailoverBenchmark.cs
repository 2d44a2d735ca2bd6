using System.Text.Json.Nodes;
using Valkka.Actors.Node;
using Valkka.TestSupport;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench failover</c> (as root): three network-namespace hosts with one node of role edge each, placed
/// synthetic cameras each with a client placed with it. N times a host is lost (its link cut, its node killed), its
/// cameras are followed until their clients analyze on the survivors, then the host returns and the run waits for an
/// even spread again. Losses alternate between a host without the placement singleton and the singleton's host. Per
/// loss and as p50/p95: detection, downing, re-placement, start to analyzing, total (<see cref="FailoverLoss"/>).
/// </summary>
public static class FailoverBenchmark
{
    public const double GoalSeconds = 10;

    public static BenchReport Run(FailoverOptions o, TextWriter log)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("valkka bench failover makes network namespaces: run it as root");
        if (o.Cameras % 3 != 0) throw new ArgumentException("--cameras must be a multiple of 3 (an even spread over three hosts)");
        var losses = new List<FailoverLoss>();
        var leftovers = new List<string>();
        var blips = new List<FailoverBlip>();
        using var hogs = CpuHogs.Start(o.Hogs);
        using (var hosts = FailoverHosts.Start(o))
        using (SignalCleanup.For(hosts))
        {
            Balanced(hosts, o).GetAwaiter().GetResult();
            log.WriteLine($"{o.Cameras} cameras placed {string.Join("/", Spread(hosts))} and analyzed; load average {MachineInfo.LoadAverage()}");
            for (var i = 0; i < o.Losses; i++)
            {
                var decider = DeciderHost(hosts);
                // Alternately a host without the placement singleton and the singleton's own.
                var others = Enumerable.Range(0, hosts.Count).Where(h => h != decider).ToList();
                var lost = i % 2 == 1 && decider is { } d ? d : others[i / 2 % others.Count];
                var cameras = hosts.Latest(lost).Cameras.Select(c => c.Id).ToList();
                var at = hosts.Lose(lost);
                var loss = FailoverTimeline.WaitAsync(hosts, i, lost, lost == decider, at, cameras).GetAwaiter().GetResult();
                losses.Add(loss);
                log.WriteLine(Row(loss) + $"  (load {MachineInfo.LoadAverage()})");
                hosts.Return(lost);
                Balanced(hosts, o).GetAwaiter().GetResult();
            }
            for (var i = 0; i < o.Blips; i++)
            {
                var blip = FailoverBlip.Run(hosts, i % hosts.Count).GetAwaiter().GetResult();
                blips.Add(blip);
                log.WriteLine($"blip {i + 1}: host {blip.Host} cut for {blip.CutSeconds:0.0} s: {(blip.Downed.Count == 0 ? "no one downed" : "DOWNED " + string.Join(", ", blip.Downed))}, " +
                              $"{blip.Unreachable} unreachable, {blip.Restarted} placed cameras restarted (load {MachineInfo.LoadAverage()})");
                Balanced(hosts, o).GetAwaiter().GetResult();
            }
            leftovers = hosts.StopAndListLeftovers();
        }
        log.WriteLine();
        log.WriteLine(Table(losses));
        return Report(o, losses, blips, leftovers);
    }

    /// <summary>The host whose current node runs the placement singleton: the latest to log that it decides.</summary>
    private static int? DeciderHost(FailoverHosts hosts) =>
        Enumerable.Range(0, hosts.Count)
            .Select(h => (Host: h, At: hosts.Node(h).Lines.Where(l => l.Contains("placement: deciding for", StringComparison.Ordinal)).Select(AkkaLogTime.Of).Max()))
            .Where(p => p.At is not null).OrderBy(p => p.At).Select(p => (int?)p.Host).LastOrDefault();

    private static int[] Spread(FailoverHosts hosts) => Enumerable.Range(0, hosts.Count).Select(h => hosts.Latest(h).Cameras.Count).ToArray();

    private static Task Balanced(FailoverHosts hosts, FailoverOptions o) => Wait.UntilAsync(async () =>
    {
        await Task.Delay(500);
        var reports = Enumerable.Range(0, hosts.Count).Select(hosts.Latest).ToList();
        return reports.All(r => r.Cameras.Count == o.Cameras / 3 && r.Cameras.All(c => c.Status == "streaming")
                                && r.Clients.Count == r.Cameras.Count && r.Clients.All(c => c.Analyzed > 0));
    }, FailoverHosts.StartTimeout, $"{o.Cameras} cameras spread evenly and every client analyzing");

    private static string Header => $"{"loss",4} {"host",4} {"decider",7} {"detection",9} {"downing",8} {"re-placed",9} {"start",6} {"1st frame",9} {"total",6}";

    private static string Row(FailoverLoss l) =>
        $"{l.Index,4} {l.Host,4} {(l.HadDecider ? "yes" : "no"),7} {l.Detection,9:0.00} {l.Downing,8:0.00} {l.Replacement,9:0.00} {l.Start,6:0.00} {l.FirstFrame,9:0.00} {l.Total,6:0.00}" +
        (l.FalseDowns.Count > 0 ? $"  FALSE DOWNING of {string.Join(", ", l.FalseDowns)}" : "");

    private static string Table(List<FailoverLoss> losses)
    {
        var lines = new List<string> { Header };
        lines.AddRange(losses.Select(Row));
        foreach (var p in new[] { 50, 95 })
        {
            double P(Func<FailoverLoss, double> f) => Percentiles.Of(losses.Select(f).Order().ToArray(), p);
            lines.Add($"{"p" + p,4} {"",4} {"",7} {P(l => l.Detection),9:0.00} {P(l => l.Downing),8:0.00} {P(l => l.Replacement),9:0.00} {P(l => l.Start),6:0.00} {P(l => l.FirstFrame),9:0.00} {P(l => l.Total),6:0.00}");
        }
        return string.Join('\n', lines);
    }

    private static BenchReport Report(FailoverOptions o, List<FailoverLoss> losses, List<FailoverBlip> blips, List<string> leftovers)
    {
        var report = new BenchReport("failover");
        var r = report.Results;
        r["cameras"] = o.Cameras;
        r["camera"] = $"synthetic testsrc2 {o.Size} at {o.Fps} fps, H.264, a keyframe every 25 frames";
        r["hogs"] = o.Hogs;
        r["settings"] = new JsonObject
        {
            ["heartbeat_interval_s"] = ClusterConfig.HeartbeatInterval.TotalSeconds,
            ["acceptable_heartbeat_pause_s"] = ClusterConfig.AcceptableHeartbeatPause.TotalSeconds,
            ["stable_after_s"] = ClusterConfig.StableAfter.TotalSeconds,
        };
        var parts = new (string Name, Func<FailoverLoss, double> Of)[]
        {
            ("detection_s", l => l.Detection), ("downing_s", l => l.Downing), ("replacement_s", l => l.Replacement),
            ("start_s", l => l.Start), ("first_frame_s", l => l.FirstFrame), ("start_to_analyzing_s", l => l.StartToAnalyzing), ("total_s", l => l.Total),
        };
        foreach (var (name, of) in parts)
        {
            var sorted = losses.Select(of).Order().ToArray();
            r[name] = new JsonObject { ["p50"] = BenchReport.Round(Percentiles.Of(sorted, 50)), ["p95"] = BenchReport.Round(Percentiles.Of(sorted, 95)), ["max"] = BenchReport.Round(sorted[^1]) };
        }
        var p95 = Percentiles.Of(losses.Select(l => l.Total).Order().ToArray(), 95);
        r["goal"] = new JsonObject { ["total_p95_s"] = $"<= {GoalSeconds}", ["met"] = p95 <= GoalSeconds };
        r["false_downings"] = losses.Sum(l => l.FalseDowns.Count);
        r["losses"] = new JsonArray(losses.Select(l => (JsonNode)new JsonObject
        {
            ["host"] = l.Host, ["had_decider"] = l.HadDecider, ["cameras"] = l.Cameras, ["detection_s"] = BenchReport.Round(l.Detection),
            ["downing_s"] = BenchReport.Round(l.Downing), ["replacement_s"] = BenchReport.Round(l.Replacement), ["start_s"] = BenchReport.Round(l.Start),
            ["first_frame_s"] = BenchReport.Round(l.FirstFrame), ["total_s"] = BenchReport.Round(l.Total),
            ["false_downs"] = new JsonArray(l.FalseDowns.Select(f => (JsonNode)f).ToArray()),
        }).ToArray());
        r["blips"] = new JsonArray(blips.Select(b => (JsonNode)new JsonObject
        {
            ["host"] = b.Host, ["cut_s"] = BenchReport.Round(b.CutSeconds), ["downed"] = new JsonArray(b.Downed.Select(d => (JsonNode)d).ToArray()),
            ["unreachable"] = b.Unreachable, ["placed_cameras_restarted"] = b.Restarted,
        }).ToArray());
        r["blips_downed"] = blips.Sum(b => b.Downed.Count);
        r["left_in_dev_shm"] = new JsonArray(leftovers.Select(f => (JsonNode)f).ToArray());
        return report;
    }
}
