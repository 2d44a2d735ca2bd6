using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>What one step of the decode sweep measured with N cameras.</summary>
public sealed record DecodeStep(int Cameras, double Seconds, long Decoded, long Expected, long RingDropped,
    long ClientSkipped, long ClientStale, long Analyzed, double CameraCpuSeconds, double ClientsCpuSeconds)
{
    /// <summary>Frames lost anywhere: decoded short of real time, ring drops, client skips or stale.</summary>
    public long Skips => Math.Max(0, Decoded < Expected * DecodeBenchmark.RealTimeShare ? Expected - Decoded : 0)
                         + RingDropped + ClientSkipped + ClientStale;

    /// <summary>A step whose nodes stopped answering (the machine past its limit): nothing measured, counted as skipping.</summary>
    public static DecodeStep Overloaded(int cameras) => new(cameras, 0, 0, 1, 0, 0, 0, 0, 0, 0);

    public double CameraCpuMsPerFrame => Decoded > 0 ? CameraCpuSeconds * 1000 / Decoded : 0;
    public double TotalCpuMsPerFrame => Decoded > 0 ? (CameraCpuSeconds + ClientsCpuSeconds) * 1000 / Decoded : 0;

    public JsonObject ToJson() => new()
    {
        ["cameras"] = Cameras, ["seconds"] = BenchReport.Round(Seconds), ["decoded"] = Decoded, ["expected"] = Expected,
        ["ring_dropped"] = RingDropped, ["client_skipped"] = ClientSkipped, ["client_stale"] = ClientStale,
        ["analyzed"] = Analyzed, ["skips"] = Skips,
        ["camera_node_cpu_ms_per_frame"] = BenchReport.Round(CameraCpuMsPerFrame),
        ["all_processes_cpu_ms_per_frame"] = BenchReport.Round(TotalCpuMsPerFrame),
    };
}
