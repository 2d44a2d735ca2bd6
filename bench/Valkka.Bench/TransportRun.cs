using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>One measured transfer: frames moved, wall seconds, CPU seconds of every process involved.</summary>
/// <remarks>Written, Skipped, Stale: for the framework, frames the camera wrote, frames the client never got (latest wins) and got too late.</remarks>
public sealed record TransportRun(long Frames, double Seconds, double CpuSeconds, ulong Checksum = 0, double SenderCpuSeconds = double.NaN,
    long Written = 0, long Skipped = 0, long Stale = 0)
{
    /// <summary>CPU of the sending side alone (camera, writer), where the variant reports it.</summary>
    public double SenderCpuMsPerFrame => Frames > 0 && double.IsFinite(SenderCpuSeconds) ? SenderCpuSeconds * 1000 / Frames : double.NaN;
    public double ReceiverCpuMsPerFrame => double.IsFinite(SenderCpuMsPerFrame) ? CpuMsPerFrame - SenderCpuMsPerFrame : double.NaN;

    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;
    public double CpuMsPerFrame => Frames > 0 ? CpuSeconds * 1000 / Frames : 0;

    public static TransportRun FromPeerResult(JsonObject r) => new(
        (long)r["frames"]!, (double)r["seconds"]!, (double)r["sender_cpu_s"]! + (double)r["receiver_cpu_s"]!,
        r["checksum"] is JsonNode c ? (ulong)c : 0, (double)r["sender_cpu_s"]!,
        r["written"] is JsonNode w ? (long)w : 0, r["skipped"] is JsonNode k ? (long)k : 0, r["stale"] is JsonNode s ? (long)s : 0);
}
