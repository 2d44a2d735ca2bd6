using Valkka.Shm.Layout;

namespace Valkka.Shm.Tests;

/// <summary>
/// Garbage written into a live ring by another process (dd): readers refuse it with a message naming
/// the ring and what was wrong, nothing reads outside the mapping or loops, and the owner repairs
/// the header and clears lease bits nobody can have set.
/// </summary>
[Collection(SweepCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class RingGarbageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static long Slot(int slot, int field) => RingLayout.HeaderSize + (long)slot * RingLayout.SlotEntrySize + field;

    [Fact]
    public void A_slot_entry_whose_frame_would_not_fit_its_slot_is_refused_as_corrupt()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 4096);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var (slot, sequence) = TestRings.WriteFrame(writer, 7);
        ForeignWrite.At(writer.Path, Slot(slot, 24), 1_000_000); // stride: rows far beyond the slot

        Assert.Equal(LeaseResult.Corrupt, reader.TryLease(slot, sequence, out var lease));

        Assert.False(reader.IsStillLeased(lease));
        Assert.Equal(0UL, writer.GetLeaseMask(slot));
        Assert.Equal(1, reader.Corrupt);
        Assert.Contains($"{Path.GetFileName(writer.Path)} slot {slot} holds a corrupt entry", reader.LastCorruption);
        Assert.Contains("stride 1000000", reader.LastCorruption);
    }

    [Fact]
    public void An_announced_slot_outside_the_ring_is_refused_as_corrupt_not_thrown()
    {
        using var writer = TestRings.Create(slotCount: 4);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        TestRings.WriteFrame(writer, 1);

        Assert.Equal(LeaseResult.Corrupt, reader.TryLease(-1, 2, out _));
        Assert.Equal(LeaseResult.Corrupt, reader.TryLease(65535, 2, out _));
        Assert.Contains("slot 65535 announced, the ring has slots 0..3", reader.LastCorruption);
        Assert.Equal(2, reader.Corrupt);
    }

    [Fact]
    public void Sequences_beyond_what_the_owner_wrote_are_left_out_of_the_collected_frames()
    {
        using var writer = TestRings.Create(slotCount: 4);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var (first, firstSequence) = TestRings.WriteFrame(writer, 1);
        var (second, _) = TestRings.WriteFrame(writer, 2);
        ForeignWrite.At(writer.Path, Slot(second, 0), 1L << 40);

        var frames = new FrameAnnouncement[4];
        int count = reader.CollectSince(0, frames);

        Assert.Equal([new FrameAnnouncement(first, firstSequence)], frames[..count]);
        Assert.Contains($"holds sequence {1L << 40}", reader.LastCorruption);
    }

    [Fact]
    public async Task A_queue_reader_facing_garbage_sequences_returns_and_takes_the_writers_next_message()
    {
        using var writer = TestRings.CreateQueue(capacity: 4);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        for (int slot = 0; slot < 4; slot++) ForeignWrite.At(writer.Path, Slot(slot, 0), (1L << 40) + 2 * slot);

        var take = Task.Run(() => reader.TryTake(out _));
        Assert.Same(take, await Task.WhenAny(take, Task.Delay(Deadline)));
        Assert.False(await take);

        Assert.True(writer.TryAppend([42]));
        Assert.True(reader.TryTake(out var message));
        Assert.Equal([42], message.ToArray());
        reader.Release();
    }

    [Fact]
    public void The_owner_restores_an_overwritten_header_so_new_readers_attach_again()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 4096);
        ForeignWrite.At(writer.Path, 0, 0x1122334455667788L);
        ForeignWrite.At(writer.Path, 16, 5000);
        Assert.Equal(RingErrorKind.BadMagic, Assert.Throws<RingException>(() => FrameRingReader.Attach(writer.Path, 1)).Kind);

        string? repaired = writer.CheckIntegrity();

        Assert.NotNull(repaired);
        Assert.Contains("header was overwritten by another process (magic 0x1122334455667788", repaired);
        using var reader = FrameRingReader.Attach(writer.Path, 1);
        Assert.Equal(4, reader.SlotCount);
        Assert.Null(writer.CheckIntegrity());
    }

    [Fact]
    public void The_owner_clears_garbage_lease_bits_so_its_slots_are_written_again()
    {
        using var writer = TestRings.Create(slotCount: 2);
        int index = writer.RegisterReader();
        using var reader = FrameRingReader.Attach(writer.Path, index);
        var (slot, sequence) = TestRings.WriteFrame(writer, 1);
        Assert.Equal(LeaseResult.Leased, reader.TryLease(slot, sequence, out var lease));
        // Bits of readers nobody was handed, on both slots; and a timestamp far in the future for the real lease.
        for (int s = 0; s < 2; s++) ForeignWrite.At(writer.Path, Slot(s, 8), BitConverter.GetBytes((1UL << 63) | (1UL << 40) | (s == slot ? 1UL << index : 0)));
        Assert.False(writer.TryBeginWrite(out _));

        string? repaired = writer.CheckIntegrity();

        Assert.Contains("cleared 4 lease bit(s) of reader indices nobody was handed", repaired);
        Assert.True(reader.IsStillLeased(lease), "a real reader's lease stays");
        ForeignWrite.At(writer.Path, Slot(slot, SlotEntry.LeaseTicksOffset + 8 * index), long.MaxValue / 2);
        Assert.Equal(1, writer.ExpireLeases(TimeSpan.FromMinutes(5)));
        Assert.True(writer.TryBeginWrite(out var again));
        writer.Abort(again);
    }
}
