using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>What the search found for one <see cref="DecodeCase"/>: its steps, the largest clean N and the smallest unclean one.</summary>
public sealed record DecodeCaseResult(DecodeCase Case, IReadOnlyList<DecodeStep> Steps, int MaxCameras, int? FirstUnclean, double Seconds, bool TimeCapped)
{
    /// <summary>The clean step at MaxCameras (null: no clean step), where CPU per frame is read.</summary>
    public DecodeStep? Best => Steps.LastOrDefault(s => s.Cameras == MaxCameras && s.Skips == 0);

    public DecodeStep? FirstUncleanStep => Steps.FirstOrDefault(s => s.Cameras == FirstUnclean && s.Skips > 0);

    /// <summary>What stops N from growing: CPU, or something else the step shows.</summary>
    public string LimitedBy(DecodeLimits limits)
    {
        if (MaxCameras >= limits.MaxCameras) return limits.CapReason;
        if (FirstUncleanStep is not { } s) return TimeCapped ? "the case's time cap (no unclean step found)" : "unknown";
        if (s.IsOverloaded) return $"the step could not measure at {s.Cameras}: {s.OverloadReason}";
        if (limits.FdsPerCamera(s) * s.Cameras > limits.OpenFilesLimit * 0.9) return $"file descriptors ({s.CameraNodeFds} of {limits.OpenFilesLimit})";
        var what = new List<string>();
        if (!s.RealTime) what.Add($"clients got {(double)s.Analyzed / Math.Max(1, s.Expected):P0} of their rate");
        if (s.RingDropped > 0) what.Add($"{s.RingDropped} ring drops");
        if (s.CameraLost > 0) what.Add($"{s.CameraLost} decoder losses");
        if (s.ClientSkipped + s.ClientStale > 0) what.Add($"{s.ClientSkipped} client skips, {s.ClientStale} stale");
        var cpu = s.BusyShare >= DecodeLimits.CpuBoundShare ? "CPU"
            : s.MachineBusyShare >= DecodeLimits.CpuBoundShare ? "CPU taken by other processes"
            : "not CPU";
        return $"{cpu} ({s.BusyShare:P0} of {Environment.ProcessorCount} cores busy with the nodes, {s.MachineBusyShare:P0} in all, at {s.Cameras}: {string.Join(", ", what)})";
    }

    public JsonObject ToJson(DecodeLimits limits, FfmpegFigure ffmpeg)
    {
        var steps = new JsonArray();
        foreach (var s in Steps) steps.Add(s.ToJson());
        var best = Best;
        return new JsonObject
        {
            ["shape"] = ClipShapes.Name(Case.Shape), ["fps"] = Case.Fps, ["decoder"] = Case.Decoder,
            ["ring_slots"] = limits.RingSlots, ["ring_mib_per_camera"] = BenchReport.Round(limits.RingBytes / (double)(1 << 20)),
            ["max_cameras"] = MaxCameras, ["first_unclean_cameras"] = FirstUnclean,
            ["camera_node_cpu_ms_per_frame"] = best is null ? null : BenchReport.Round(best.CameraCpuMsPerFrame),
            ["all_processes_cpu_ms_per_frame"] = best is null ? null : BenchReport.Round(best.TotalCpuMsPerFrame),
            ["camera_node_fds_per_camera"] = best is null ? null : BenchReport.Round(limits.FdsPerCamera(best)),
            ["camera_node_threads_per_camera"] = best is null ? null : BenchReport.Round((double)best.CameraNodeThreads / best.Cameras),
            ["limited_by"] = LimitedBy(limits),
            ["ffmpeg"] = ffmpeg.ToJson(),
            ["seconds"] = BenchReport.Round(Seconds), ["time_capped"] = TimeCapped,
            ["steps"] = steps,
        };
    }
}
