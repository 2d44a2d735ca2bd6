namespace Valkka.Shm.Tests;

public sealed class WriteLeaseReleaseTests
{
    [Fact]
    public void Reader_sees_committed_pixels_and_metadata()
    {
        using var writer = TestRings.Create();
        int index = writer.RegisterReader();
        using var reader = FrameRingReader.Attach(writer.Path, index);

        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        var (slot, sequence) = TestRings.WriteFrame(writer, 0xAB, length: 2048);
        var after = System.Diagnostics.Stopwatch.GetTimestamp();

        Assert.Equal(LeaseResult.Leased, reader.TryLease(slot, sequence, out var lease));
        Assert.Equal(new FrameInfo(32, 64, 32, PixelFormat.Gray8, 1234, 2048), lease.Info with { CommitTicks = 0 });
        Assert.InRange(lease.Info.CommitTicks, before, after);
        Assert.Equal(2048, lease.Pixels.Length);
        Assert.Equal(-1, lease.Pixels.IndexOfAnyExcept((byte)0xAB));
        Assert.Equal(1UL << index, writer.GetLeaseMask(slot));
        reader.Release(lease);
        Assert.Equal(0UL, writer.GetLeaseMask(slot));
        Assert.Equal(1, writer.FramesWritten);
        Assert.Equal(1, reader.FramesWritten);
    }

    [Fact]
    public void Sequences_are_even_and_increase_with_every_commit()
    {
        using var writer = TestRings.Create(slotCount: 3);
        var sequences = Enumerable.Range(0, 7).Select(i => TestRings.WriteFrame(writer, (byte)i).Sequence).ToArray();
        Assert.Equal(new long[] { 2, 4, 6, 8, 10, 12, 14 }, sequences);
    }

    [Fact]
    public void Writer_does_not_rewrite_a_leased_slot()
    {
        using var writer = TestRings.Create(slotCount: 2);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var first = TestRings.WriteFrame(writer, 1);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(first.Slot, first.Sequence, out var lease));

        for (int i = 0; i < 5; i++)
        {
            var next = TestRings.WriteFrame(writer, 2);
            Assert.NotEqual(first.Slot, next.Slot);
        }

        Assert.Equal(-1, lease.Pixels.IndexOfAnyExcept((byte)1));
        Assert.Equal(first.Sequence, writer.GetSequence(first.Slot));
        reader.Release(lease);
    }

    [Fact]
    public void Ring_file_is_private_to_its_user_and_removed_on_dispose()
    {
        string path;
        using (var writer = TestRings.Create())
        {
            path = writer.Path;
            Assert.StartsWith("/dev/shm/valkka.", path);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Aborted_write_publishes_nothing_and_empties_the_slot()
    {
        using var writer = TestRings.Create(slotCount: 1);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var old = TestRings.WriteFrame(writer, 1);

        Assert.True(writer.TryBeginWrite(out var slot));
        slot.Span[..10].Fill(9);
        writer.Abort(slot);

        Assert.Equal(LeaseResult.Stale, reader.TryLease(old.Slot, old.Sequence, out _));
        Assert.Equal(1, writer.FramesWritten);
        Assert.Equal(4, TestRings.WriteFrame(writer, 3).Sequence);
    }
}
