using System.Text.Json.Nodes;

namespace Valkka.Bench;

// Control messages of the transport benchmarks (a handful per run; frames travel otherwise).

/// <summary>The sender's warm-up is over: the receiver starts counting frames and CPU.</summary>
public sealed record Start;

/// <summary>The last measured frame was sent: the receiver answers with Done.</summary>
public sealed record End;

/// <summary>What the receiver counted since Start.</summary>
public sealed record Done(long Frames, double CpuSeconds, ulong Checksum, long Stale = 0)
{
    public JsonObject ToJson(double seconds, double senderCpuSeconds) => new()
    {
        ["frames"] = Frames, ["seconds"] = seconds, ["checksum"] = Checksum, ["stale"] = Stale,
        ["sender_cpu_s"] = senderCpuSeconds, ["receiver_cpu_s"] = CpuSeconds,
    };
}
