namespace Valkka.Shm.Tests;

/// <summary>A message queue hands its one reader every message once, in order, with its bytes.</summary>
public sealed class MessageQueueOrderTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public void Messages_are_taken_in_the_order_they_were_appended_with_their_bytes()
    {
        using var writer = TestRings.CreateQueue(capacity: 3);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        Assert.False(reader.TryTake(out _));

        for (int round = 0; round < 5; round++) // past the end of the slot table and round again
        {
            Assert.True(writer.TryAppend([1, (byte)round]));
            Assert.True(writer.TryAppend([]));
            Assert.True(writer.TryAppend([3, 3, (byte)round]));

            Assert.Equal(new byte[] { 1, (byte)round }, Take(reader));
            Assert.Empty(Take(reader));
            Assert.Equal(new byte[] { 3, 3, (byte)round }, Take(reader));
            Assert.False(reader.TryTake(out _));
        }
        Assert.Equal(15, writer.Appended);
        Assert.Equal(0, reader.Skipped);
    }

    [Fact]
    public void An_aborted_append_leaves_no_message_and_the_next_append_takes_its_place()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);

        Assert.True(writer.TryBeginAppend(out var half));
        half[0] = 99;
        writer.AbortAppend();
        Assert.False(reader.TryTake(out _));
        Assert.True(writer.TryAppend([7]));

        Assert.Equal(new byte[] { 7 }, Take(reader));
        Assert.False(reader.TryTake(out _));
    }

    [Fact]
    public void Taking_again_before_releasing_the_taken_message_is_refused()
    {
        using var writer = TestRings.CreateQueue();
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        writer.TryAppend([1]);
        writer.TryAppend([2]);

        Assert.True(reader.TryTake(out _));

        Assert.Throws<InvalidOperationException>(() => reader.TryTake(out _));
    }

    [Fact]
    public void A_reader_on_another_thread_woken_by_the_doorbell_gets_every_message_once_and_in_order()
    {
        const int Messages = 20_000;
        using var writer = TestRings.CreateQueue(capacity: 8);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        var received = new List<int>(Messages);
        var consumer = new Thread(() =>
        {
            while (received.Count < Messages)
            {
                if (!reader.TryTake(out var message))
                {
                    reader.WaitForMessage(Long);
                    continue;
                }
                received.Add(BitConverter.ToInt32(message));
                reader.Release();
            }
        });
        consumer.Start();
        for (int i = 0; i < Messages; i++)
        {
            while (!writer.TryAppend(BitConverter.GetBytes(i)))
            {
                Thread.Yield(); // the reader is behind: a real sender sends this one another way
            }
        }
        Assert.True(consumer.Join(Long + Long));

        Assert.Equal(Enumerable.Range(0, Messages), received);
        Assert.Equal(0, reader.Skipped);
    }

    private static byte[] Take(MessageQueueReader reader)
    {
        Assert.True(reader.TryTake(out var message));
        byte[] bytes = message.ToArray();
        reader.Release();
        return bytes;
    }
}
