using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench transport</c>: 1080p RGB24 frames from a sender to a receiver that reads every
/// byte, several ways, interleaved in every repetition so each ratio compares runs made side by side;
/// every row is also set against the raw C pair (two processes, one mapping, no protocol: the ceiling).
/// </summary>
public static class TransportBenchmark
{
    public static BenchReport Run(TransportOptions o, TextWriter log)
    {
        string script = o.PythonScript ?? PythonShmBaseline.FindScript();
        var runs = new Dictionary<string, List<TransportRun>>
        {
            ["framework"] = [], ["framework_akka"] = [], ["akka_bytes"] = [], ["python_shm"] = [], ["memcpy"] = [],
            ["raw_pair"] = [], ["csharp_reader"] = [], ["python_reader"] = [],
        };
        string rawPair = RawPairBaseline.Build();
        var checksum = new List<TransportRun>();
        using var source = new SourceFrames(o.Width, o.Height);
        try
        {
            for (int rep = 1; rep <= o.Runs; rep++)
            {
                runs["raw_pair"].Add(Log(log, rep, "raw_pair", RawPairBaseline.Run(rawPair, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                runs["csharp_reader"].Add(Log(log, rep, "csharp_reader",
                    StandaloneReaderTransport.Run("csharp", o.Python, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                runs["python_reader"].Add(Log(log, rep, "python_reader",
                    StandaloneReaderTransport.Run("python", o.Python, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                runs["memcpy"].Add(Log(log, rep, "memcpy", MemcpyBaseline.Run(source, o.Frames, o.Warmup, o.Slots)));
                checksum.Add(Log(log, rep, "checksum", MemcpyBaseline.ChecksumOnly(source, Math.Min(o.Frames, 1000))));
                runs["python_shm"].Add(Log(log, rep, "python_shm", PythonShmBaseline.Run(o.Python, script, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                runs["akka_bytes"].Add(Log(log, rep, "akka_bytes", AkkaBytesTransport.Run(o.AkkaFrames, Math.Min(o.Warmup, 10), o.Window, o.Width, o.Height)));
                runs["framework"].Add(Log(log, rep, "framework", FrameworkTransport.Run("doorbell", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
                runs["framework_akka"].Add(Log(log, rep, "framework_akka", FrameworkTransport.Run("akka", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(rawPair)!, recursive: true);
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
            if (list[0].Written > 0)
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
        Measurement Ratio(string variant, string baseline) =>
            Measurement.Of(runs[variant].Zip(runs[baseline], (a, b) => b.FramesPerSecond > 0 ? a.FramesPerSecond / b.FramesPerSecond : 0));
        report.SetRatio("framework_vs_akka_bytes", Ratio("framework", "akka_bytes"));
        report.SetRatio("framework_vs_python_shm", Ratio("framework", "python_shm"));
        report.SetRatio("framework_vs_memcpy", Ratio("framework", "memcpy"));
        report.SetRatio("framework_vs_framework_akka", Ratio("framework", "framework_akka"));
        report.SetRatio("python_reader_vs_csharp_reader", Ratio("python_reader", "csharp_reader"));
        report.SetRatio("python_reader_vs_python_shm", Ratio("python_reader", "python_shm"));
        foreach (var name in runs.Keys.Where(n => n != "raw_pair"))
        {
            report.SetRatio($"{name}_vs_raw_pair", Ratio(name, "raw_pair"));
        }
        return report;
    }

    private static TransportRun Log(TextWriter log, int rep, string name, TransportRun r)
    {
        string extra = r.Written > 0 ? $", written {r.Written}, skipped {r.Skipped}, stale {r.Stale}" : "";
        log.WriteLine($"run {rep} {name,-14} {r.FramesPerSecond,10:F1} frames/s {r.CpuMsPerFrame,8:F3} CPU ms/frame ({r.Frames} frames, {r.Seconds:F2} s{extra})");
        return r;
    }
}
