using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench latency</c>: one-way time from a camera committing a frame to the client's analyzer
/// being called in another process, at Fps x Cameras, next to the futex and POSIX-semaphore wake-up
/// limit measured in the same repetition.
/// </summary>
public static class LatencyBenchmark
{
    public static BenchReport Run(LatencyOptions o, TextWriter log)
    {
        var framework = new List<LatencySummary>();
        var windows = new List<double>();
        var akka = new List<LatencySummary>();
        var akkaCpu = new List<double>();
        var futex = new List<LatencySummary>();
        var sem = new List<LatencySummary>();
        var cpu = new List<double>();
        long lost = 0, stale = 0;
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            futex.Add(Log(log, rep, "futex", WakeupLimit.Measure("futex", o.Wakeups)));
            sem.Add(Log(log, rep, "sem", WakeupLimit.Measure("sem", o.Wakeups)));
            var run = FrameworkLatency.Run(o, "doorbell");
            framework.Add(Log(log, rep, "framework", run.Latency));
            windows.Add(run.WindowSeconds);
            var remote = FrameworkLatency.Run(o, "akka");
            akka.Add(Log(log, rep, "framework_akka", remote.Latency));
            akkaCpu.Add(remote.CpuMsPerFrame);
            cpu.Add(run.CpuMsPerFrame);
            lost += run.Lost;
            stale += run.Stale;
        }

        var report = new BenchReport("latency");
        var r = report.Results;
        r["runs"] = o.Runs;
        r["cameras"] = o.Cameras;
        r["fps_per_camera"] = o.Fps;
        r["frame"] = new JsonObject { ["width"] = o.Width, ["height"] = o.Height, ["format"] = "rgb24" };
        r["samples_per_run"] = framework.Min(s => s.Count);
        r["window_s_max"] = BenchReport.Round(windows.Max());
        r["frames_skipped"] = lost;
        r["frames_stale"] = stale;
        r["p50_us"] = BenchReport.Round(Measurement.Of(framework.Select(s => s.P50)).Median);
        r["p90_us"] = BenchReport.Round(Measurement.Of(framework.Select(s => s.P90)).Median);
        r["p99_us"] = BenchReport.Round(Measurement.Of(framework.Select(s => s.P99)).Median);
        r["max_us"] = BenchReport.Round(Measurement.Of(framework.Select(s => s.Max)).Median);
        var limit = futex.Zip(sem, (f, s) => f.P50 <= s.P50 ? f : s).ToList();
        r["limit_p50_us"] = BenchReport.Round(Measurement.Of(limit.Select(s => s.P50)).Median);
        r["limit_p99_us"] = BenchReport.Round(Measurement.Of(limit.Select(s => s.P99)).Median);
        r["framework"] = Spread(framework);
        r["futex"] = Spread(futex);
        r["posix_semaphore"] = Spread(sem);
        r["cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(cpu));
        // The same framework with FrameAvailable over Akka.Remote (ClientSettings.Notify = Remote): before the doorbell.
        r["framework_akka"] = Spread(akka);
        r["framework_akka"]!["cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(akkaCpu));
        r["akka_p50_us"] = BenchReport.Round(Measurement.Of(akka.Select(s => s.P50)).Median);
        r["akka_p99_us"] = BenchReport.Round(Measurement.Of(akka.Select(s => s.P99)).Median);
        report.SetRatio("framework_p50_vs_akka_p50", Measurement.Of(framework.Zip(akka, (f, a) => a.P50 > 0 ? f.P50 / a.P50 : 0)));
        report.SetRatio("p50_vs_limit_p50", Measurement.Of(framework.Zip(limit, (f, l) => l.P50 > 0 ? f.P50 / l.P50 : 0)));
        return report;
    }

    private static JsonObject Spread(List<LatencySummary> runs) => new()
    {
        ["p50_us"] = BenchReport.ToJson(Measurement.Of(runs.Select(s => s.P50))),
        ["p90_us"] = BenchReport.ToJson(Measurement.Of(runs.Select(s => s.P90))),
        ["p99_us"] = BenchReport.ToJson(Measurement.Of(runs.Select(s => s.P99))),
        ["max_us"] = BenchReport.ToJson(Measurement.Of(runs.Select(s => s.Max))),
    };

    private static LatencySummary Log(TextWriter log, int rep, string name, LatencySummary s)
    {
        log.WriteLine($"run {rep} {name,-14} p50 {s.P50,8:F1} us  p90 {s.P90,8:F1} us  p99 {s.P99,8:F1} us  max {s.Max,9:F1} us  ({s.Count} samples)");
        return s;
    }
}
