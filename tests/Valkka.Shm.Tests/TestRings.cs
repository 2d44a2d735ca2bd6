namespace Valkka.Shm.Tests;

/// <summary>Unique ring names per test, so parallel runs never collide.</summary>
internal static class TestRings
{
    public static string NewTopology() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static FrameRingWriter Create(int slotCount = 4, int slotCapacity = 4096, string ring = "cam", string? topology = null) =>
        FrameRingWriter.Create(topology ?? NewTopology(), ring, slotCount, slotCapacity);

    public static MessageQueueWriter CreateQueue(int capacity = 4, int maxMessageLength = 64) =>
        MessageQueueWriter.Create(NewTopology(), "mq", capacity, maxMessageLength);

    /// <summary>Writes one frame whose bytes are all the given value; returns (slot, sequence).</summary>
    public static (int Slot, long Sequence) WriteFrame(FrameRingWriter writer, byte value, int length = 1024)
    {
        Assert.True(writer.TryBeginWrite(out var slot));
        slot.Span[..length].Fill(value);
        long sequence = writer.Commit(slot, new FrameInfo(32, length / 32, 32, PixelFormat.Gray8, 1234, length));
        return (slot.Slot, sequence);
    }
}
