namespace Valkka.Shm.Tests;

/// <summary>A queue's reader that stops and attaches again, and messages that are gone before their turn.</summary>
public sealed class MessageQueueRestartTests
{
    [Fact]
    public void A_reader_attaching_again_goes_on_with_the_first_message_not_released_before()
    {
        using var writer = TestRings.CreateQueue(capacity: 4);
        for (byte i = 1; i <= 3; i++) writer.TryAppend([i]);
        using (var first = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex))
        {
            Assert.True(first.TryTake(out _));
            first.Release();
            Assert.True(first.TryTake(out _)); // message 2 taken, never released
        }

        using var second = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);

        Assert.True(second.TryTake(out var again));
        Assert.Equal(2, again[0]);
        second.Release();
        Assert.True(second.TryTake(out var third));
        Assert.Equal(3, third[0]);
    }

    [Fact]
    public void A_reader_attaching_after_every_message_was_released_starts_after_the_latest()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        using (var first = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex))
        {
            for (byte i = 1; i <= 3; i++)
            {
                writer.TryAppend([i]);
                Assert.True(first.TryTake(out _));
                first.Release();
            }
        }

        using var second = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);

        Assert.Equal(8, second.NextSequence);
        Assert.False(second.TryTake(out _));
        writer.TryAppend([4]);
        Assert.True(second.TryTake(out var next));
        Assert.Equal(4, next[0]);
    }

    [Fact]
    public void Messages_cleared_and_overwritten_before_their_turn_are_skipped_and_counted()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        using var reader = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);
        writer.TryAppend([1]);
        writer.TryAppend([2]);
        writer.ClearUnread();
        writer.TryAppend([3]); // over message 1
        writer.TryAppend([4]); // over message 2

        Assert.True(reader.TryTake(out var message));

        Assert.Equal(3, message[0]);
        Assert.Equal(2, reader.Skipped);
    }

    [Fact]
    public void A_message_published_without_this_readers_lease_is_skipped()
    {
        using var writer = TestRings.CreateQueue(capacity: 2);
        using var stranger = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex + 1);
        writer.TryAppend([1]);
        writer.TryAppend([2]);

        Assert.False(stranger.TryTake(out _));

        Assert.Equal(2, stranger.Skipped);
        Assert.False(writer.TryAppend([3])); // the stranger released none of the real reader's messages
    }

    [Fact]
    public void A_queue_that_is_gone_cannot_be_attached()
    {
        var writer = TestRings.CreateQueue();
        string path = writer.Path;
        writer.Dispose();

        var error = Assert.Throws<RingException>(() => MessageQueueReader.Attach(path, 0));

        Assert.Equal(RingErrorKind.NotFound, error.Kind);
    }
}
