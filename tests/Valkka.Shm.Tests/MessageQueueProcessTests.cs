using System.Globalization;
using Valkka.Shm.TestProcess;

namespace Valkka.Shm.Tests;

/// <summary>The ends of a message queue in different processes, including one killed mid-way.</summary>
[Collection(SweepCollection.Name)]
public sealed class MessageQueueProcessTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public void Messages_from_another_process_arrive_intact_and_in_order_waking_the_reader_by_the_doorbell()
    {
        const int Messages = 20_000;
        string topology = TestRings.NewTopology();
        try
        {
            using var writer = ShmTestProcess.Start("queue-writer", topology, "mq", "8", S(Messages));
            string[] ready = writer.Expect("READY");
            using var reader = MessageQueueReader.Attach(ready[1], int.Parse(ready[2], CultureInfo.InvariantCulture));
            writer.Send("GO");

            for (int expected = 0; expected < Messages; expected++)
            {
                ReadOnlySpan<byte> message;
                while (!reader.TryTake(out message))
                {
                    Assert.True(reader.WaitForMessage(Long), $"message {expected} did not come");
                }
                Assert.Equal(expected, QueueMessage.Read(message));
                reader.Release();
            }

            string[] appended = writer.Expect("APPENDED");
            Assert.Equal(Messages, long.Parse(appended[1], CultureInfo.InvariantCulture));
            Assert.False(reader.TryTake(out _));
            Assert.Equal(0, reader.Skipped);
            writer.Send("EXIT");
            Assert.Equal(0, writer.WaitForExit());
            Assert.False(File.Exists(ready[1]));
        }
        finally
        {
            File.Delete(RingPaths.For(topology, "mq"));
        }
    }

    [Fact]
    public void A_reader_killed_holding_a_message_is_followed_by_one_that_gets_that_message_first()
    {
        using var writer = TestRings.CreateQueue(capacity: 8);
        for (int n = 0; n < 6; n++)
        {
            Assert.True(writer.TryBeginAppend(out var message));
            writer.CommitAppend(QueueMessage.Write(n, message));
        }
        using (var killed = ShmTestProcess.Start("queue-reader", writer.Path, S(writer.ReaderIndex), "3"))
        {
            Assert.Equal("2", killed.Expect("HOLDING")[1]);
            killed.Kill();
        }

        using var next = MessageQueueReader.Attach(writer.Path, writer.ReaderIndex);

        for (int expected = 2; expected < 6; expected++)
        {
            Assert.True(next.TryTake(out var message));
            Assert.Equal(expected, QueueMessage.Read(message));
            next.Release();
        }
        Assert.False(next.TryTake(out _));
    }

    [Fact]
    public void The_queue_of_a_killed_writer_is_owner_dead_for_a_reader()
    {
        string topology = TestRings.NewTopology();
        string path = RingPaths.For(topology, "mq");
        try
        {
            using (var writer = ShmTestProcess.Start("queue-writer", topology, "mq", "4", "0"))
            {
                Assert.Equal(path, writer.Expect("READY")[1]);
                writer.Kill();
            }

            var error = Assert.Throws<RingException>(() => MessageQueueReader.Attach(path, 0));

            Assert.Equal(RingErrorKind.OwnerDead, error.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);
}
