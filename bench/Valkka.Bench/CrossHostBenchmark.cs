using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench cross-host</c> (as root): cameras of 720p25 H.264 (the bench clip, looped in real
/// time) decoded on host A, read from host B in each variant's way (<see cref="CrossHostVariant.All"/>);
/// hosts are network namespaces with their own /dev/shm. Variants run in alternating rounds (each run
/// starts one variant later); each reports bytes on the wire, CPU on A and on B per delivered frame,
/// and frames delivered against expected, as medians with min and max, next to the issue's goals.
/// </summary>
public static class CrossHostBenchmark
{
    public const int Width = 1280, Height = 720;
    public const double WireGoal = 1.0 / 50;
    public const double CpuGoal = 1.1;

    public static BenchReport Run(CrossHostOptions o, TextWriter log)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("valkka bench cross-host makes network namespaces: run it as root");
        var variants = CrossHostVariant.Select(o.Variants);
        string clip = BenchClip.Ensure720p25(Math.Max(o.ClipSeconds, o.WarmupSeconds + o.Seconds + 20), ClipShape.Gop25);
        var samples = variants.ToDictionary(v => v.Name, _ => new List<CrossHostSample>());
        using (var hosts = CrossHostHosts.Start(clip, o.Cameras, variants))
        using (SignalCleanup.For(hosts))
        {
            for (int run = 0; run < o.Runs; run++)
                for (int k = 0; k < variants.Count; k++)
                {
                    var v = variants[(run + k) % variants.Count];
                    var s = CrossHostRound.Run(hosts, v, o.Cameras, o.WarmupSeconds, o.Seconds);
                    samples[v.Name].Add(s);
                    log.WriteLine($"run {run + 1} {v.Name}: {s.Frames}/{s.Expected} frames, {s.WireBytesPerFrame:F0} wire bytes/frame, " +
                                  $"CPU ms/frame A {s.CpuMsPerFrameA:F2} B {s.CpuMsPerFrameB:F2}");
                }
        }
        return Report(o, clip, variants, samples, log);
    }

    private static BenchReport Report(CrossHostOptions o, string clip, IReadOnlyList<CrossHostVariant> variants,
        Dictionary<string, List<CrossHostSample>> samples, TextWriter log)
    {
        var report = new BenchReport("cross-host");
        var r = report.Results;
        r["clip"] = new JsonObject { ["path"] = clip, ["size"] = $"{Width}x{Height}", ["fps"] = 25, ["codec"] = "h264", ["shape"] = ClipShapes.Name(ClipShape.Gop25) };
        r["cameras"] = o.Cameras;
        r["seconds"] = o.Seconds;
        r["rgb_frame_bytes"] = Width * Height * 3;
        var json = new JsonObject();
        foreach (var v in variants)
        {
            var list = samples[v.Name];
            Measurement M(Func<CrossHostSample, double> f) => Measurement.Of(list.Select(f));
            json[v.Name] = new JsonObject
            {
                ["runs"] = v.Description,
                ["fps"] = v.Fps,
                ["frames_delivered"] = BenchReport.ToJson(M(s => s.Frames)),
                ["frames_expected"] = BenchReport.ToJson(M(s => s.Expected)),
                ["delivered_share"] = BenchReport.ToJson(M(s => s.DeliveredShare)),
                ["wire_bytes_per_frame"] = BenchReport.ToJson(M(s => s.WireBytesPerFrame)),
                ["wire_bytes_per_s"] = BenchReport.ToJson(M(s => s.WireBytesPerSecond)),
                ["cpu_ms_per_frame_a"] = BenchReport.ToJson(M(s => s.CpuMsPerFrameA)),
                ["cpu_ms_per_frame_b"] = BenchReport.ToJson(M(s => s.CpuMsPerFrameB)),
                ["cpu_ms_per_frame_camera_source"] = BenchReport.ToJson(M(s => s.CpuMsPerFrameSource)),
            };
        }
        r["variants"] = json;

        var goals = new JsonObject();
        void Ratio(string name, string over, string under, Func<CrossHostSample, double> top, Func<CrossHostSample, double> bottom, double? goal)
        {
            if (!samples.TryGetValue(over, out var a) || !samples.TryGetValue(under, out var b)) return;
            var ratio = Measurement.Of(a.Zip(b, (x, y) => bottom(y) > 0 ? top(x) / bottom(y) : 0));
            report.SetRatio(name, ratio);
            if (goal is not { } g) return;
            goals[name] = new JsonObject { ["goal"] = $"<= {g:G3}", ["median"] = BenchReport.Round(ratio.Median), ["met"] = ratio.Median <= g };
            log.WriteLine($"goal {name} <= {g:G3}: {ratio} {(ratio.Median <= g ? "met" : "NOT met")}");
        }
        Ratio("wire_bytes_relay25_vs_rgb25", "relay-25", "rgb-25", s => s.WireBytesPerFrame, s => s.WireBytesPerFrame, WireGoal);
        if (samples.TryGetValue("relay-25", out var relay))
            report.SetRatio("wire_bytes_relay25_vs_rgb_frame", Measurement.Of(relay.Select(s => s.WireBytesPerFrame / (Width * Height * 3))));
        Ratio("wire_bytes_relay25_vs_rtsp25", "relay-25", "rtsp-25", s => s.WireBytesPerFrame, s => s.WireBytesPerFrame, null);
        Ratio("wire_bytes_per_s_relay5_vs_jpeg5", "relay-5", "jpeg-5", s => s.WireBytesPerSecond, s => s.WireBytesPerSecond, null);
        Ratio("cpu_b_relay25_vs_local25", "relay-25", "local-25", s => s.CpuMsPerFrameB, s => s.CpuMsPerFrameA, CpuGoal);
        Ratio("cpu_b_relay5_vs_local5", "relay-5", "local-5", s => s.CpuMsPerFrameB, s => s.CpuMsPerFrameA, CpuGoal);
        Ratio("cpu_b_rtsp25_vs_local25", "rtsp-25", "local-25", s => s.CpuMsPerFrameB, s => s.CpuMsPerFrameA, null);
        Ratio("cpu_b_rgb25_vs_local25", "rgb-25", "local-25", s => s.CpuMsPerFrameB, s => s.CpuMsPerFrameA, null);
        r["goals"] = goals;
        return report;
    }
}
