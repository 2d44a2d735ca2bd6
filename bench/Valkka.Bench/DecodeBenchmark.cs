using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench decode</c>: main2's shape (one camera node decoding every camera with real
/// CameraActors into rings, one client process per camera running the sample motion detector),
/// cameras playing a 720p25 H.264 file paced in real time. N grows by Step until a step skips
/// frames (decoder behind real time, ring drops, or client skips/stale) and on while the decoders
/// keep real time; the largest N with zero skips is reported with the camera node's CPU per decoded frame next to
/// <c>ffmpeg -i clip -pix_fmt rgb24 -f null -</c> on the same clip.
/// </summary>
public static class DecodeBenchmark
{
    /// <summary>A step counts as skipping when it decoded fewer than this share of the real-time frames.</summary>
    public const double RealTimeShare = 0.98;

    public static BenchReport Run(DecodeOptions o, TextWriter log)
    {
        string clip = o.Clip ?? BenchClip.Ensure720p25(o.ClipSeconds);
        var ffmpeg = new List<TransportRun>();
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            var f = FfmpegBaseline.Run(clip);
            log.WriteLine($"run {rep} ffmpeg {f.Frames} frames, {f.CpuMsPerFrame:F3} CPU ms/frame, {f.FramesPerSecond:F0} frames/s");
            ffmpeg.Add(f);
        }
        var steps = DecodeScaling.Run(clip, o, log);

        var report = new BenchReport("decode");
        var r = report.Results;
        r["clip"] = new JsonObject { ["path"] = clip, ["size"] = "1280x720", ["fps"] = 25, ["codec"] = "h264" };
        r["client_analyzer"] = o.Analyzer;
        var ffmpegCpu = Measurement.Of(ffmpeg.Select(f => f.CpuMsPerFrame));
        r["ffmpeg"] = new JsonObject
        {
            ["command"] = $"ffmpeg -i {clip} -pix_fmt rgb24 -f null -",
            ["cpu_ms_per_frame"] = BenchReport.ToJson(ffmpegCpu),
            ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(ffmpeg.Select(f => f.FramesPerSecond))),
        };
        // What ffmpeg alone could keep in real time on all cores: no framework can decode more.
        r["ffmpeg_limit_cameras"] = BenchReport.Round(Environment.ProcessorCount * 1000 / (ffmpegCpu.Median * 25));
        r["client_credit"] = o.Credit;
        var stepsJson = new JsonArray();
        foreach (var s in steps) stepsJson.Add(s.ToJson());
        r["steps"] = stepsJson;
        var best = steps.LastOrDefault(s => s.Skips == 0);
        r["max_cameras_zero_skips"] = best?.Cameras ?? 0;
        r["first_skipping_cameras"] = steps.FirstOrDefault(s => s.Skips > 0)?.Cameras ?? 0;
        r["max_cameras_real_time"] = steps.LastOrDefault(s => s.Decoded >= s.Expected * RealTimeShare)?.Cameras ?? 0;
        // CPU per frame is read at the largest clean step, or (none clean) at the largest real-time one,
        // where the nodes' fixed costs are spread over the most frames.
        var reference = best ?? steps.LastOrDefault(s => s.Decoded >= s.Expected * RealTimeShare) ?? steps.FirstOrDefault();
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
