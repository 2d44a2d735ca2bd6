using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench transport</c>: 1080p RGB24 frames from a sender to a receiver that reads every
/// byte, four ways, interleaved in every repetition so each ratio compares runs made side by side.
/// </summary>
public static class TransportBenchmark
{
    public static BenchReport Run(TransportOptions o, TextWriter log)
    {
        string script = o.PythonScript ?? PythonShmBaseline.FindScript();
        var runs = new Dictionary<string, List<TransportRun>>
        {
            ["framework"] = [], ["framework_akka"] = [], ["akka_bytes"] = [], ["python_shm"] = [], ["memcpy"] = [],
        };
        var checksum = new List<TransportRun>();
        using var source = new SourceFrames(o.Width, o.Height);
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            runs["memcpy"].Add(Log(log, rep, "memcpy", MemcpyBaseline.Run(source, o.Frames, o.Warmup, o.Slots)));
            checksum.Add(Log(log, rep, "checksum", MemcpyBaseline.ChecksumOnly(source, Math.Min(o.Frames, 1000))));
            runs["python_shm"].Add(Log(log, rep, "python_shm", PythonShmBaseline.Run(o.Python, script, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
            runs["akka_bytes"].Add(Log(log, rep, "akka_bytes", AkkaBytesTransport.Run(o.AkkaFrames, Math.Min(o.Warmup, 10), o.Window, o.Width, o.Height)));
            runs["framework"].Add(Log(log, rep, "framework", FrameworkTransport.Run("doorbell", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
            runs["framework_akka"].Add(Log(log, rep, "framework_akka", FrameworkTransport.Run("akka", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
        }

        var report = new BenchReport("transport");
        report.Results["frame"] = new JsonObject { ["width"] = o.Width, ["height"] = o.Height, ["format"] = "rgb24", ["bytes"] = o.Width * o.Height * 3 };
        report.Results["runs"] = o.Runs;
        foreach (var (name, list) in runs)
        {
            report.Results[name] = new JsonObject
            {
                ["frames_per_run"] = list[0].Frames,
                ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.FramesPerSecond))),
                ["cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.CpuMsPerFrame))),
            };
            if (name.StartsWith("framework", StringComparison.Ordinal))
            {
                report.Results[name]!["written_per_run"] = BenchReport.ToJson(Measurement.Of(list.Select(r => (double)r.Written)));
                report.Results[name]!["skipped_per_run"] = BenchReport.ToJson(Measurement.Of(list.Select(r => (double)r.Skipped)));
                report.Results[name]!["stale_per_run"] = BenchReport.ToJson(Measurement.Of(list.Select(r => (double)r.Stale)));
            }
            if (list.All(r => double.IsFinite(r.SenderCpuMsPerFrame)))
            {
                report.Results[name]!["sender_cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.SenderCpuMsPerFrame)));
                report.Results[name]!["receiver_cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.ReceiverCpuMsPerFrame)));
            }
        }
        // The work every variant must do at least: copy the frame in (memcpy) and read it all (checksum).
        report.Results["checksum_only"] = new JsonObject
        {
            ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(checksum.Select(r => r.FramesPerSecond))),
            ["cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(checksum.Select(r => r.CpuMsPerFrame))),
        };
        Measurement Ratio(string baseline) =>
            Measurement.Of(runs["framework"].Zip(runs[baseline], (a, b) => b.FramesPerSecond > 0 ? a.FramesPerSecond / b.FramesPerSecond : 0));
        report.SetRatio("framework_vs_akka_bytes", Ratio("akka_bytes"));
        report.SetRatio("framework_vs_python_shm", Ratio("python_shm"));
        report.SetRatio("framework_vs_memcpy", Ratio("memcpy"));
        report.SetRatio("framework_vs_framework_akka", Ratio("framework_akka"));
        return report;
    }

    private static TransportRun Log(TextWriter log, int rep, string name, TransportRun r)
    {
        string extra = r.Written > 0 ? $", written {r.Written}, skipped {r.Skipped}, stale {r.Stale}" : "";
        log.WriteLine($"run {rep} {name,-14} {r.FramesPerSecond,10:F1} frames/s {r.CpuMsPerFrame,8:F3} CPU ms/frame ({r.Frames} frames, {r.Seconds:F2} s{extra})");
        return r;
    }
}
