namespace Valkka.Shm.Tests;

/// <summary>The stream frame index committed with a frame reaches its readers; a frame committed without one reads as -1.</summary>
public sealed class StreamFrameIndexTests
{
    [Fact]
    public void A_frames_stream_index_is_read_back_with_its_lease_and_a_missing_one_reads_as_minus_one()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());

        var indexed = Commit(writer, new FrameInfo(4, 4, 12, PixelFormat.Rgb24, 1000, 48) { StreamFrameIndex = 0 });
        var later = Commit(writer, new FrameInfo(4, 4, 12, PixelFormat.Rgb24, 1040, 48) { StreamFrameIndex = 1_234_567 });
        var unindexed = Commit(writer, new FrameInfo(4, 4, 12, PixelFormat.Rgb24, 1080, 48));

        Assert.Equal(0, Lease(reader, indexed));
        Assert.Equal(1_234_567, Lease(reader, later));
        Assert.Equal(-1, Lease(reader, unindexed));
        Assert.True(reader.TryPeek(later.Slot, later.Sequence, out var peeked));
        Assert.Equal(1_234_567, peeked.StreamFrameIndex);
    }

    [Fact]
    public void A_frame_is_found_by_its_stream_index_while_in_the_ring_and_the_newest_index_tells_not_yet_from_gone()
    {
        using var writer = TestRings.Create(slotCount: 3);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        Assert.False(reader.TryFindStreamFrame(0, out _, out var none));
        Assert.Equal(-1, none);

        var frames = Enumerable.Range(10, 4).Select(i => Commit(writer, new FrameInfo(4, 4, 12, PixelFormat.Rgb24, i * 40, 48) { StreamFrameIndex = i })).ToList();

        // Slots hold 11, 12, 13 now: 10 was overwritten, 14 is not written yet.
        Assert.True(reader.TryFindStreamFrame(12, out var found, out var newest));
        Assert.Equal((frames[2].Slot, frames[2].Sequence), (found.Slot, found.Sequence));
        Assert.Equal(13, newest);
        Assert.Equal(12, Lease(reader, (found.Slot, found.Sequence)));
        Assert.False(reader.TryFindStreamFrame(10, out _, out _));
        Assert.False(reader.TryFindStreamFrame(14, out _, out newest));
        Assert.Equal(13, newest);
    }

    private static (int Slot, long Sequence) Commit(FrameRingWriter writer, FrameInfo info)
    {
        Assert.True(writer.TryBeginWrite(out var slot));
        return (slot.Slot, writer.Commit(slot, info));
    }

    private static long Lease(FrameRingReader reader, (int Slot, long Sequence) frame)
    {
        Assert.Equal(LeaseResult.Leased, reader.TryLease(frame.Slot, frame.Sequence, out var lease));
        var index = lease.Info.StreamFrameIndex;
        reader.Release(lease);
        return index;
    }
}
