using System.Diagnostics;
using Valkka.Actors.Placement;

namespace Valkka.Bench;

/// <summary>
/// `valkka bench placement`: the placement decision alone (no cluster, no decode), as the placement singleton makes
/// it: cameras of mixed weights (1-4 times 640x360 at 25 fps) over members of one role. Per run: the time of a first
/// placement, of the re-placement after a member is lost, and of the moves that bring a returning member back to an
/// even share; the worst member's deviation from even, side by side with a round-robin by count (the baseline).
/// </summary>
public static class PlacementBenchmark
{
    public static BenchReport Run(int runs, int cameras, int members, TextWriter log)
    {
        var report = new BenchReport("placement");
        var first = new List<double>(); var failover = new List<double>(); var rebalance = new List<double>();
        var deviation = new List<double>(); var baseline = new List<double>(); var moves = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(run + 1);
            var list = Enumerable.Range(0, cameras).Select(i => new PlacedCamera($"cam{i}", "edge", random.Next(1, 5) * 640L * 360 * 25)).ToList();
            var all = Enumerable.Range(0, members).Select(i => new PlacementMember($"m{i}", ["edge"])).ToList();
            var clock = Stopwatch.StartNew();
            var plan = PlacementPlanner.Plan(list, all, new Dictionary<string, string>());
            first.Add(clock.Elapsed.TotalMilliseconds);
            deviation.Add(Deviation(list, all, plan));
            baseline.Add(Deviation(list, all, list.Select((c, i) => (c.Id, all[i % all.Count].Name)).ToDictionary(p => p.Id, p => p.Name)));

            clock.Restart();
            var survivors = all.Skip(1).ToList();
            plan = PlacementPlanner.Plan(list, survivors, plan);
            failover.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            var n = 0;
            while (PlacementPlanner.Rebalance(list, all, plan) is { } move)
            {
                plan[move.Camera] = move.To;
                n++;
            }
            rebalance.Add(clock.Elapsed.TotalMilliseconds);
            moves.Add(n);
            log.WriteLine($"run {run + 1}: first {first[^1]:0.00} ms (worst member {deviation[^1]:0.0} % from even, round-robin {baseline[^1]:0.0} %), " +
                          $"after a loss {failover[^1]:0.00} ms, back to even in {n} moves ({rebalance[^1]:0.00} ms)");
        }
        report.Results["cameras"] = cameras;
        report.Results["members"] = members;
        report.Results["first_placement_ms"] = BenchReport.ToJson(Measurement.Of(first));
        report.Results["replacement_after_loss_ms"] = BenchReport.ToJson(Measurement.Of(failover));
        report.Results["rebalance_ms"] = BenchReport.ToJson(Measurement.Of(rebalance));
        report.Results["rebalance_moves"] = BenchReport.ToJson(Measurement.Of(moves));
        report.Results["worst_member_from_even_pct"] = BenchReport.ToJson(Measurement.Of(deviation));
        report.Results["round_robin_worst_member_from_even_pct"] = BenchReport.ToJson(Measurement.Of(baseline));
        report.SetRatio("deviation_vs_round_robin", Measurement.Of(deviation.Zip(baseline, (d, b) => b > 0 ? d / b : 0)));
        return report;
    }

    private static double Deviation(List<PlacedCamera> cameras, List<PlacementMember> members, IReadOnlyDictionary<string, string> plan)
    {
        var even = cameras.Sum(c => c.Weight) / (double)members.Count;
        return members.Max(m => Math.Abs(cameras.Where(c => plan[c.Id] == m.Name).Sum(c => c.Weight) - even)) / even * 100;
    }
}
