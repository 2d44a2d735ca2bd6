using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// What one step of the decode sweep measured with N cameras. Expected: frames the clients should
/// have analyzed at the rate they asked for; Analyzed: frames delivered to the analyzers.
/// </summary>
public sealed record DecodeStep(int Cameras, double Seconds, long Decoded, long Expected, long RingDropped,
    long ClientSkipped, long ClientStale, long Analyzed, double CameraCpuSeconds, double ClientsCpuSeconds)
{
    /// <summary>Seconds a step waits, once every camera streams and every client got a frame, before it measures.</summary>
    public const int DefaultWarmupSeconds = 3;

    /// <summary>Frames the decoders sent in and never got out (damaged).</summary>
    public long CameraLost { get; init; }

    /// <summary>Frames left out on purpose for the rate (not decoded, not converted, or not analyzed): not losses.</summary>
    public long SkippedForRate { get; init; }

    /// <summary>Why the nodes did not answer (null: they did).</summary>
    public string? OverloadReason { get; init; }
    public bool IsOverloaded => OverloadReason is not null;

    /// <summary>Open file descriptors and threads of the camera node at the end of the step.</summary>
    public int CameraNodeFds { get; init; }
    public int CameraNodeThreads { get; init; }

    /// <summary>Share of the machine's cores the camera and client nodes kept busy over the step.</summary>
    public double BusyShare => Seconds > 0 ? (CameraCpuSeconds + ClientsCpuSeconds) / (Seconds * Environment.ProcessorCount) : 0;

    /// <summary>Share of the machine's cores busy over the step, whoever kept them busy.</summary>
    public double MachineBusyShare { get; init; }

    /// <summary>The clients got at least this share of the frames they asked for.</summary>
    public bool RealTime => Analyzed >= Expected * DecodeBenchmark.RealTimeShare;

    /// <summary>Frames lost anywhere: delivered short of the rate, decoder losses, ring drops, client skips or stale.</summary>
    public long Skips => (RealTime ? 0 : Expected - Analyzed) + CameraLost + RingDropped + ClientSkipped + ClientStale;

    /// <summary>A step whose nodes stopped answering (the machine past its limit): nothing measured, counted as skipping.</summary>
    public static DecodeStep Overloaded(int cameras, string reason) => new(cameras, 0, 0, 1, 0, 0, 0, 0, 0, 0) { OverloadReason = reason };

    public double CameraCpuMsPerFrame => Analyzed > 0 ? CameraCpuSeconds * 1000 / Analyzed : 0;
    public double TotalCpuMsPerFrame => Analyzed > 0 ? (CameraCpuSeconds + ClientsCpuSeconds) * 1000 / Analyzed : 0;

    public string Describe() => IsOverloaded
        ? $"{Cameras,3} cameras: the nodes did not answer in time ({OverloadReason}); the machine is past its limit"
        : $"{Cameras,3} cameras: delivered {Analyzed}/{Expected} (decoded {Decoded}, skipped for the rate {SkippedForRate}), " +
          $"lost {Skips} (ring {RingDropped}, decoder {CameraLost}, client skipped {ClientSkipped}, stale {ClientStale}), " +
          $"camera node {CameraCpuMsPerFrame:F3} CPU ms/delivered frame, all {TotalCpuMsPerFrame:F3}, cores busy {BusyShare:P0} (machine {MachineBusyShare:P0}), " +
          $"camera node {CameraNodeFds} fds {CameraNodeThreads} threads";

    public JsonObject ToJson() => new()
    {
        ["cameras"] = Cameras, ["seconds"] = BenchReport.Round(Seconds), ["decoded"] = Decoded, ["expected"] = Expected,
        ["ring_dropped"] = RingDropped, ["camera_lost"] = CameraLost, ["client_skipped"] = ClientSkipped, ["client_stale"] = ClientStale,
        ["analyzed"] = Analyzed, ["skipped_for_rate"] = SkippedForRate, ["skips"] = Skips,
        ["camera_node_cpu_ms_per_frame"] = BenchReport.Round(CameraCpuMsPerFrame),
        ["all_processes_cpu_ms_per_frame"] = BenchReport.Round(TotalCpuMsPerFrame),
        ["cores_busy"] = BenchReport.Round(BusyShare), ["machine_cores_busy"] = BenchReport.Round(MachineBusyShare), ["camera_node_fds"] = CameraNodeFds, ["camera_node_threads"] = CameraNodeThreads,
        ["overloaded"] = OverloadReason,
    };
}
