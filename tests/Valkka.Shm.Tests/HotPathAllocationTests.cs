namespace Valkka.Shm.Tests;

public sealed class HotPathAllocationTests
{
    [Fact]
    public void Write_commit_lease_and_release_allocate_nothing()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 4096);
        using var reader = FrameRingReader.Attach(writer.Path, writer.RegisterReader());
        var info = new FrameInfo(64, 64, 64, PixelFormat.Gray8, 0, 4096);
        RunFrames(writer, reader, info, 1000); // JIT and tiering first

        long before = GC.GetAllocatedBytesForCurrentThread();
        long stale = RunFrames(writer, reader, info, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_000, stale); // every other announcement was stale: that path was covered too
    }

    [Fact]
    public void A_standalone_reader_leasing_the_newest_frame_and_releasing_it_allocates_nothing()
    {
        using var writer = TestRings.Create(slotCount: 4, slotCapacity: 4096);
        using var reader = FrameRingReader.AttachStandalone(writer.Path);
        var info = new FrameInfo(64, 64, 64, PixelFormat.Gray8, 0, 4096);
        RunNewest(writer, reader, info, 1000); // JIT and tiering first

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunNewest(writer, reader, info, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void RunNewest(FrameRingWriter writer, FrameRingReader reader, FrameInfo info, int count)
    {
        long last = 0;
        for (int i = 0; i < count; i++)
        {
            Assert.True(writer.TryBeginWrite(out var slot));
            writer.Commit(slot, info);
            Assert.True(reader.TryLeaseNewest(last, TimeSpan.Zero, out var lease));
            last = lease.Sequence;
            reader.Release(lease);
        }
    }

    [Fact]
    public void Append_take_and_release_of_a_queue_message_allocate_nothing()
    {
        using var writer = TestRings.CreateQueue(capacity: 4, maxMessageLength: 256);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        RunMessages(writer, reader, 1000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long refused = RunMessages(writer, reader, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_000, refused); // every round filled the queue: the refusal path was covered too
    }

    private static long RunMessages(MessageQueueWriter writer, MessageQueueReader reader, int count)
    {
        Span<byte> message = stackalloc byte[100];
        long refused = 0;
        for (int i = 0; i < count; i++)
        {
            message[0] = (byte)i;
            while (writer.TryAppend(message))
            {
            }
            refused++;
            if (!reader.WaitForMessage(TimeSpan.Zero))
            {
                throw new InvalidOperationException("the doorbell did not announce the messages");
            }
            while (reader.TryTake(out var taken))
            {
                if (taken[0] != (byte)i)
                {
                    throw new InvalidOperationException($"message {taken[0]} where {(byte)i} was appended");
                }
                reader.Release();
            }
        }
        return refused;
    }

    private static long RunFrames(FrameRingWriter writer, FrameRingReader reader, in FrameInfo info, int count)
    {
        long stale = 0;
        for (int i = 0; i < count; i++)
        {
            if (!writer.TryBeginWrite(out var slot))
            {
                throw new InvalidOperationException("no free slot");
            }
            slot.Span[0] = (byte)i;
            long sequence = writer.Commit(slot, info);
            if (reader.TryLease(slot.Slot, sequence, out var lease) == LeaseResult.Leased)
            {
                reader.Release(lease);
            }
            if (reader.TryLease(slot.Slot, sequence - 2, out _) == LeaseResult.Stale)
            {
                stale++;
            }
        }
        return stale;
    }
}
