namespace Valkka.Shm.Tests;

/// <summary>A full queue refuses at once and loses nothing it holds.</summary>
public sealed class MessageQueueFullTests
{
    [Fact]
    public void A_full_queue_refuses_the_next_message_at_once_and_keeps_every_queued_one()
    {
        using var writer = TestRings.CreateQueue(capacity: 3);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        for (byte i = 0; i < 3; i++) Assert.True(writer.TryAppend([i]));

        Assert.False(writer.TryAppend([3]));
        Assert.False(writer.TryBeginAppend(out _));

        Assert.Equal(2, writer.Refused);
        for (byte i = 0; i < 3; i++)
        {
            Assert.True(reader.TryTake(out var message));
            Assert.Equal(i, message[0]);
            reader.Release();
        }
        Assert.False(reader.TryTake(out _));
    }

    [Fact]
    public void A_message_taken_but_not_released_keeps_its_place_and_releasing_it_frees_one_place()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        writer.TryAppend([1]);
        writer.TryAppend([2]);

        Assert.True(reader.TryTake(out var first));
        Assert.False(writer.TryAppend([3])); // taken, but its bytes are still being read
        Assert.Equal(1, first[0]);
        reader.Release();

        Assert.True(writer.TryAppend([3]));
        Assert.False(writer.TryAppend([4]));
    }

    [Fact]
    public void A_message_longer_than_the_queue_allows_is_an_error_not_a_refusal()
    {
        using var writer = TestRings.CreateQueue(maxMessageLength: 8);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryAppend(new byte[9]));
        Assert.True(writer.TryBeginAppend(out var message));
        Assert.Equal(8, message.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.CommitAppend(9));
        Assert.Equal(0, writer.Refused);
    }

    [Fact]
    public void Clearing_the_unread_messages_of_a_reader_that_is_gone_frees_the_queue()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        writer.TryAppend([1]);
        writer.TryAppend([2]);

        Assert.Equal(2, writer.ClearUnread());

        Assert.True(writer.TryAppend([3]));
        Assert.True(writer.TryAppend([4]));
    }
}
