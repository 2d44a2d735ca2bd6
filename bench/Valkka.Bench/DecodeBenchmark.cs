using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench decode</c>: one camera node decoding every camera with real CameraActors into
/// rings, clients in one process per camera (main2's shape) or all in one (main1's), cameras playing
/// a 720p25 H.264 file paced in real time, each client asking for --fps frames a second. N grows by
/// Step until a step loses frames (fewer delivered than asked for, decoder losses, ring drops, or
/// client skips/stale) and on while the clients get their rate; the largest N with no loss is
/// reported with the camera node's CPU per delivered frame next to the ffmpeg CLI doing one
/// camera's job on the same clip (<see cref="FfmpegBaseline"/>).
/// </summary>
public static class DecodeBenchmark
{
    /// <summary>A step counts as skipping when it decoded fewer than this share of the real-time frames.</summary>
    public const double RealTimeShare = 0.98;

    public static BenchReport Run(DecodeOptions o, TextWriter log)
    {
        string clip = o.Clip ?? BenchClip.Ensure720p25(o.ClipSeconds, o.Shape);
        var ffmpegArguments = FfmpegBaseline.Arguments(clip, o.Fps, ClipShapes.KeyframeInterval(o.Shape));
        var ffmpeg = new List<TransportRun>();
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            var f = FfmpegBaseline.Run(ffmpegArguments);
            log.WriteLine($"run {rep} ffmpeg {f.Frames} frames, {f.CpuMsPerFrame:F3} CPU ms/frame, {f.FramesPerSecond:F0} frames/s");
            ffmpeg.Add(f);
        }
        var steps = DecodeScaling.Run(clip, o, log);

        var report = new BenchReport("decode");
        var r = report.Results;
        r["clip"] = new JsonObject
        {
            ["path"] = clip, ["size"] = "1280x720", ["fps"] = 25, ["codec"] = "h264", ["shape"] = o.Clip is null ? ClipShapes.Name(o.Shape) : "given",
        };
        r["client_analyzer"] = o.Analyzer;
        r["client_fps"] = o.Fps is { } fps ? JsonValue.Create(fps) : JsonValue.Create("all");
        r["decoder"] = o.DecodeEverything ? "before (every frame decoded and converted)" : "rate (decodes what the wanted rate needs)";
        r["client_nodes"] = o.OneClientNode ? "one (main1)" : "one per camera (main2)";
        var ffmpegCpu = Measurement.Of(ffmpeg.Select(f => f.CpuMsPerFrame));
        r["ffmpeg"] = new JsonObject
        {
            ["command"] = "ffmpeg " + string.Join(' ', ffmpegArguments),
            ["cpu_ms_per_frame"] = BenchReport.ToJson(ffmpegCpu),
            ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(ffmpeg.Select(f => f.FramesPerSecond))),
        };
        // What ffmpeg alone could keep in real time on all cores (the same job per camera).
        r["ffmpeg_limit_cameras"] = BenchReport.Round(Environment.ProcessorCount * 1000 / (ffmpegCpu.Median * o.DeliveredFps));
        r["client_credit"] = o.Credit;
        var stepsJson = new JsonArray();
        foreach (var s in steps) stepsJson.Add(s.ToJson());
        r["steps"] = stepsJson;
        var best = steps.LastOrDefault(s => s.Skips == 0);
        r["max_cameras_zero_skips"] = best?.Cameras ?? 0;
        r["first_skipping_cameras"] = steps.FirstOrDefault(s => s.Skips > 0)?.Cameras ?? 0;
        r["max_cameras_real_time"] = steps.LastOrDefault(s => s.RealTime)?.Cameras ?? 0;
        // CPU per frame is read at the largest clean step, or (none clean) at the largest real-time one,
        // where the nodes' fixed costs are spread over the most frames.
        var reference = best ?? steps.LastOrDefault(s => s.RealTime) ?? steps.FirstOrDefault();
        r["cpu_reference_cameras"] = reference?.Cameras ?? 0;
        if (reference is not null)
        {
            r["camera_node_cpu_ms_per_frame"] = BenchReport.Round(reference.CameraCpuMsPerFrame);
            r["all_processes_cpu_ms_per_frame"] = BenchReport.Round(reference.TotalCpuMsPerFrame);
            report.SetRatio("cpu_per_frame_vs_ffmpeg",
                Measurement.Of(ffmpeg.Select(f => f.CpuMsPerFrame > 0 ? reference.CameraCpuMsPerFrame / f.CpuMsPerFrame : 0)));
        }
        else
        {
            report.Ratios["cpu_per_frame_vs_ffmpeg"] = 0;
        }
        return report;
    }
}
