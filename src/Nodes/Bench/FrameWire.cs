using Akka.Configuration;

namespace Valkka.Nodes.Bench;

/// <summary>
/// How the framework variant talks: the node configuration and the frame-reference and credit
/// messages. Kept in one place so the benchmark follows the framework's wire format.
/// </summary>
public static class FrameWire
{
    public const string SystemName = "valkka";

    public sealed record Attach(string RingPath, int ReaderIndex);
    public sealed record FrameMessage(string CameraId, string Ring, int Slot, long Sequence, long TimestampMs, int Width, int Height);
    public sealed record CreditMessage(string CameraId, int Count);

    public static Config Config() => BenchAkka.LargeFrames(128_000);

    public static FrameMessage Frame(string cameraId, string ring, int slot, long sequence, long timestampMs, int width, int height) =>
        new(cameraId, ring, slot, sequence, timestampMs, width, height);

    public static (int Slot, long Sequence) SlotOf(FrameMessage m) => (m.Slot, m.Sequence);

    public static CreditMessage Credit(string cameraId, int count) => new(cameraId, count);
}
