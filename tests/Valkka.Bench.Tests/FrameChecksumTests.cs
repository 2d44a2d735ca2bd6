namespace Valkka.Bench.Tests;

public class FrameChecksumTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(100_000)]
    [InlineData(320 * 240 * 3 - 1)]
    public void Changing_any_byte_changes_the_sum(int index)
    {
        var frame = new byte[320 * 240 * 3 + 5]; // not a multiple of the vector size
        new Random(7).NextBytes(frame);
        ulong before = FrameChecksum.Of(frame);
        frame[index] ^= 0x5A;
        Assert.NotEqual(before, FrameChecksum.Of(frame));
    }

    [Fact]
    public void Tail_bytes_past_the_last_vector_are_read()
    {
        var frame = new byte[1027];
        ulong before = FrameChecksum.Of(frame);
        frame[^1] = 1;
        Assert.NotEqual(before, FrameChecksum.Of(frame));
    }
}
