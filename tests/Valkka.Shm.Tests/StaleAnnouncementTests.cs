namespace Valkka.Shm.Tests;

public sealed class StaleAnnouncementTests
{
    [Fact]
    public void Announcement_of_a_rewritten_slot_is_stale_and_leaves_no_lease()
    {
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var announced = TestRings.WriteFrame(writer, 1);
        TestRings.WriteFrame(writer, 2);
        var rewritten = TestRings.WriteFrame(writer, 3); // wraps around onto the first slot
        Assert.Equal(announced.Slot, rewritten.Slot);

        Assert.Equal(LeaseResult.Stale, reader.TryLease(announced.Slot, announced.Sequence, out var lease));
        Assert.Equal(default, lease);
        Assert.Equal(0UL, writer.GetLeaseMask(announced.Slot));
        Assert.Equal(1, reader.Stale);

        Assert.Equal(LeaseResult.Leased, reader.TryLease(rewritten.Slot, rewritten.Sequence, out lease));
        Assert.Equal(-1, lease.Pixels.IndexOfAnyExcept((byte)3));
        reader.Release(lease);
    }

    [Fact]
    public void Slot_being_written_is_stale_for_its_previous_frame()
    {
        using var writer = TestRings.Create(slotCount: 1);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var old = TestRings.WriteFrame(writer, 1);

        Assert.True(writer.TryBeginWrite(out var slot));
        Assert.Equal(LeaseResult.Stale, reader.TryLease(old.Slot, old.Sequence, out _));
        Assert.Equal(0UL, writer.GetLeaseMask(old.Slot));
        writer.Commit(slot, new FrameInfo(1, 1, 1, PixelFormat.Gray8, 0, 1));
    }

    [Fact]
    public void Never_written_and_odd_sequences_are_stale()
    {
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        Assert.Equal(LeaseResult.Stale, reader.TryLease(0, 0, out _));
        Assert.Equal(LeaseResult.Stale, reader.TryLease(1, 3, out _));
        Assert.Equal(2, reader.Stale);
    }

    [Fact]
    public void Reader_lease_taken_while_writer_picks_the_slot_makes_the_writer_move_on()
    {
        // The window the Dekker check closes: the reader's bit lands after the writer saw a free slot.
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var first = TestRings.WriteFrame(writer, 1);
        TestRings.WriteFrame(writer, 2);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(first.Slot, first.Sequence, out var lease));

        var next = TestRings.WriteFrame(writer, 3);

        Assert.NotEqual(first.Slot, next.Slot);
        Assert.Equal(first.Sequence, writer.GetSequence(first.Slot));
        Assert.Equal(-1, lease.Pixels.IndexOfAnyExcept((byte)1));
        reader.Release(lease);
    }
}
