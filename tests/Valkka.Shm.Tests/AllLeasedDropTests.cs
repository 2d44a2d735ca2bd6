namespace Valkka.Shm.Tests;

public sealed class AllLeasedDropTests
{
    [Fact]
    public void Writer_drops_and_counts_frames_while_every_slot_is_leased()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var leases = new List<FrameLease>();
        for (int i = 0; i < 3; i++)
        {
            var (slot, sequence) = TestRings.WriteFrame(writer, (byte)i);
            Assert.Equal(LeaseResult.Leased, reader.TryLease(slot, sequence, out var lease));
            leases.Add(lease);
        }

        Assert.False(writer.TryBeginWrite(out var none));
        Assert.False(writer.TryBeginWrite(out _));
        Assert.Equal(default, none);
        Assert.Equal(2, writer.FramesDropped);
        Assert.Equal(3, writer.FramesWritten);
        Assert.Equal(2, reader.FramesDropped);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(-1, leases[i].Pixels.IndexOfAnyExcept((byte)i));
        }

        reader.Release(leases[1]);
        var written = TestRings.WriteFrame(writer, 7);
        Assert.Equal(leases[1].Slot, written.Slot);
        foreach (var lease in leases)
        {
            reader.Release(lease);
        }
    }

    [Fact]
    public void Begin_write_twice_without_commit_is_refused()
    {
        using var writer = TestRings.Create(slotCount: 2);
        Assert.True(writer.TryBeginWrite(out var slot));
        Assert.Throws<InvalidOperationException>(() => writer.TryBeginWrite(out _));
        writer.Abort(slot);
        Assert.Throws<InvalidOperationException>(() => writer.Commit(slot, default));
    }

    [Fact]
    public void Commit_longer_than_the_slot_is_refused()
    {
        using var writer = TestRings.Create(slotCount: 1, slotCapacity: 100);
        Assert.True(writer.TryBeginWrite(out var slot));
        Assert.Equal(100, slot.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => writer.Commit(slot, new FrameInfo(10, 10, 10, PixelFormat.Gray8, 0, 101)));
        writer.Abort(slot);
    }
}
