namespace Valkka.Shm.Tests;

/// <summary>A ring used as a lossless queue: entries committed already leased for their reader.</summary>
public sealed class LeasedCommitTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    private static long WriteLeased(FrameRingWriter writer, ulong readers, ReadOnlySpan<byte> payload)
    {
        Assert.True(writer.TryBeginWrite(out var slot));
        payload.CopyTo(slot.Span);
        return writer.Commit(slot, new FrameInfo(payload.Length, 1, payload.Length, PixelFormat.Bytes, 0, payload.Length), readers);
    }

    [Fact]
    public void An_entry_is_not_overwritten_before_its_reader_took_and_released_it()
    {
        using var writer = TestRings.Create(slotCount: 2, slotCapacity: 64);
        int index = writer.RegisterReader();
        using var reader = FrameRingReader.Attach(writer.Path, index);
        long first = WriteLeased(writer, 1UL << index, [1, 2, 3]);
        WriteLeased(writer, 1UL << index, [4]);

        Assert.False(writer.TryBeginWrite(out _)); // both unread: the queue is full, nothing is lost

        Assert.True(reader.TryTakeLeased(first, out var lease));
        Assert.Equal(new byte[] { 1, 2, 3 }, lease.Pixels.ToArray());
        Assert.Equal(PixelFormat.Bytes, lease.Info.Format);
        reader.Release(lease);
        Assert.True(writer.TryBeginWrite(out var slot));
        Assert.Equal(lease.Slot, slot.Slot);
    }

    [Fact]
    public void Taking_an_entry_not_written_yet_or_leased_for_another_reader_finds_nothing()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 64);
        int mine = writer.RegisterReader(), other = writer.RegisterReader();
        using var reader = FrameRingReader.Attach(writer.Path, mine);
        long forOther = WriteLeased(writer, 1UL << other, [9]);

        Assert.False(reader.TryTakeLeased(forOther, out _));
        Assert.False(reader.TryTakeLeased(forOther + 2, out _));
    }

    [Fact]
    public void A_reader_on_another_thread_gets_every_entry_once_and_in_order()
    {
        const int Entries = 20_000;
        using var writer = TestRings.Create(slotCount: 8, slotCapacity: 64);
        int index = writer.RegisterReader();
        using var reader = FrameRingReader.Attach(writer.Path, index);
        var received = new List<int>(Entries);
        var consumer = new Thread(() =>
        {
            long next = 2;
            while (received.Count < Entries)
            {
                if (!reader.TryTakeLeased(next, out var lease))
                {
                    reader.WaitForFrame(next - 2, Long, out _);
                    continue;
                }
                received.Add(BitConverter.ToInt32(lease.Pixels));
                reader.Release(lease);
                next += 2;
            }
        });
        consumer.Start();
        for (int i = 0; i < Entries; i++)
        {
            SlotWriter slot;
            while (!writer.TryBeginWrite(out slot))
            {
                Thread.Yield(); // the reader is behind: a real sender falls back to another path
            }
            BitConverter.TryWriteBytes(slot.Span, i);
            writer.Commit(slot, new FrameInfo(4, 1, 4, PixelFormat.Bytes, 0, 4), 1UL << index);
        }
        Assert.True(consumer.Join(Long + Long));

        Assert.Equal(Enumerable.Range(0, Entries), received);
    }
}
