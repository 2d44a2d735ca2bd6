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
            // The same two over Akka.Remote with remoting on the thread pool (Akka's default), not on NodeConfig's own threads.
            ["framework_akka_pool"] = [], ["akka_bytes_pool"] = [],
        };
        if (o.Variants?.FirstOrDefault(v => !runs.ContainsKey(v)) is { } unknown)
            throw new ArgumentException($"unknown transport variant '{unknown}' (known: {string.Join(", ", runs.Keys)})");
        string rawPair = o.Includes("raw_pair") ? RawPairBaseline.Build() : "";
        var checksum = new List<TransportRun>();
        using var source = new SourceFrames(o.Width, o.Height);
        try
        {
            for (int rep = 1; rep <= o.Runs; rep++)
            {
                if (o.Includes("raw_pair")) runs["raw_pair"].Add(Log(log, rep, "raw_pair", RawPairBaseline.Run(rawPair, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                if (o.Includes("csharp_reader")) runs["csharp_reader"].Add(Log(log, rep, "csharp_reader",
                    StandaloneReaderTransport.Run("csharp", o.Python, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                if (o.Includes("python_reader")) runs["python_reader"].Add(Log(log, rep, "python_reader",
                    StandaloneReaderTransport.Run("python", o.Python, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                if (o.Includes("memcpy")) runs["memcpy"].Add(Log(log, rep, "memcpy", MemcpyBaseline.Run(source, o.Frames, o.Warmup, o.Slots)));
                if (o.Includes("memcpy")) checksum.Add(Log(log, rep, "checksum", MemcpyBaseline.ChecksumOnly(source, Math.Min(o.Frames, 1000))));
                if (o.Includes("python_shm")) runs["python_shm"].Add(Log(log, rep, "python_shm", PythonShmBaseline.Run(o.Python, script, o.Frames, o.Warmup, o.Slots, o.Width, o.Height)));
                if (o.Includes("akka_bytes")) runs["akka_bytes"].Add(Log(log, rep, "akka_bytes", AkkaBytesTransport.Run(o.AkkaFrames, Math.Min(o.Warmup, 10), o.Window, o.Width, o.Height)));
                if (o.Includes("framework")) runs["framework"].Add(Log(log, rep, "framework", FrameworkTransport.Run("doorbell", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
                if (o.Includes("framework_akka")) runs["framework_akka"].Add(Log(log, rep, "framework_akka", FrameworkTransport.Run("akka", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height)));
                if (o.Includes("akka_bytes_pool")) runs["akka_bytes_pool"].Add(Log(log, rep, "akka_bytes_pool",
                    FrameWire.OnPoolRemoting(() => AkkaBytesTransport.Run(o.AkkaFrames, Math.Min(o.Warmup, 10), o.Window, o.Width, o.Height))));
                if (o.Includes("framework_akka_pool")) runs["framework_akka_pool"].Add(Log(log, rep, "framework_akka_pool",
                    FrameWire.OnPoolRemoting(() => FrameworkTransport.Run("akka", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height))));
            }
        }
        finally
        {
            if (rawPair.Length > 0) Directory.Delete(Path.GetDirectoryName(rawPair)!, recursive: true);
        }

        var report = new BenchReport("transport");
        report.Results["frame"] = new JsonObject { ["width"] = o.Width, ["height"] = o.Height, ["format"] = "rgb24", ["bytes"] = o.Width * o.Height * 3 };
        report.Results["runs"] = o.Runs;
        foreach (var (name, list) in runs.Where(r => r.Value.Count > 0))
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
        if (checksum.Count > 0) report.Results["checksum_only"] = new JsonObject
        {
            ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(checksum.Select(r => r.FramesPerSecond))),
            ["cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(checksum.Select(r => r.CpuMsPerFrame))),
        };
        Measurement Ratio(string variant, string baseline) =>
            Measurement.Of(runs[variant].Zip(runs[baseline], (a, b) => b.FramesPerSecond > 0 ? a.FramesPerSecond / b.FramesPerSecond : 0));
        var pairs = new List<(string, string)>
        {
            ("framework", "akka_bytes"), ("framework", "python_shm"), ("framework", "memcpy"), ("framework", "framework_akka"),
            ("python_reader", "csharp_reader"), ("python_reader", "python_shm"),
            ("framework_akka", "framework_akka_pool"), ("akka_bytes", "akka_bytes_pool"),
        };
        pairs.AddRange(runs.Keys.Where(n => n != "raw_pair").Select(n => (n, "raw_pair")));
        foreach (var (variant, baseline) in pairs.Where(p => runs[p.Item1].Count > 0 && runs[p.Item2].Count > 0))
        {
            report.SetRatio($"{variant}_vs_{baseline}", Ratio(variant, baseline));
        }
        return report;
    }

    private static TransportRun Log(TextWriter log, int rep, string name, TransportRun r)
    {
        string extra = r.Written > 0 ? $", written {r.Written}, skipped {r.Skipped}, stale {r.Stale}" : "";
        log.WriteLine($"run {rep} {name,-19} {r.FramesPerSecond,10:F1} frames/s {r.CpuMsPerFrame,8:F3} CPU ms/frame ({r.Frames} frames, {r.Seconds:F2} s{extra})");
        return r;
    }
}
