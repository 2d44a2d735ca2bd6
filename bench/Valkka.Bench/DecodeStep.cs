using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// What one step of the decode sweep measured with N cameras. Expected: frames the clients should
/// have analyzed at the rate they asked for; Analyzed: frames delivered to the analyzers.
/// </summary>
public sealed record DecodeStep(int Cameras, double Seconds, long Decoded, long Expected, long RingDropped,
    long ClientSkipped, long ClientStale, long Analyzed, double CameraCpuSeconds, double ClientsCpuSeconds)
{
    /// <summary>Frames the decoders sent in and never got out (damaged).</summary>
    public long CameraLost { get; init; }

    /// <summary>Frames left out on purpose for the rate (not decoded, not converted, or not analyzed): not losses.</summary>
    public long SkippedForRate { get; init; }

    /// <summary>The clients got at least this share of the frames they asked for.</summary>
    public bool RealTime => Analyzed >= Expected * DecodeBenchmark.RealTimeShare;

    /// <summary>Frames lost anywhere: delivered short of the rate, decoder losses, ring drops, client skips or stale.</summary>
    public long Skips => (RealTime ? 0 : Expected - Analyzed) + CameraLost + RingDropped + ClientSkipped + ClientStale;

    /// <summary>A step whose nodes stopped answering (the machine past its limit): nothing measured, counted as skipping.</summary>
    public static DecodeStep Overloaded(int cameras) => new(cameras, 0, 0, 1, 0, 0, 0, 0, 0, 0);

    public double CameraCpuMsPerFrame => Analyzed > 0 ? CameraCpuSeconds * 1000 / Analyzed : 0;
    public double TotalCpuMsPerFrame => Analyzed > 0 ? (CameraCpuSeconds + ClientsCpuSeconds) * 1000 / Analyzed : 0;

    public JsonObject ToJson() => new()
    {
        ["cameras"] = Cameras, ["seconds"] = BenchReport.Round(Seconds), ["decoded"] = Decoded, ["expected"] = Expected,
        ["ring_dropped"] = RingDropped, ["camera_lost"] = CameraLost, ["client_skipped"] = ClientSkipped, ["client_stale"] = ClientStale,
        ["analyzed"] = Analyzed, ["skipped_for_rate"] = SkippedForRate, ["skips"] = Skips,
        ["camera_node_cpu_ms_per_frame"] = BenchReport.Round(CameraCpuMsPerFrame),
        ["all_processes_cpu_ms_per_frame"] = BenchReport.Round(TotalCpuMsPerFrame),
    };
}
