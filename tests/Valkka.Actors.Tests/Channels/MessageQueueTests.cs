using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Channels;

/// <summary>The same-host message queue alone: every message arrives once, in order, as an Akka message.</summary>
public sealed class MessageQueueTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void Every_message_arrives_once_and_in_order_even_when_the_queue_fills()
    {
        const int Messages = 20_000;
        using var topology = new TestTopology();
        var peer = CreateTestProbe();
        using var writer = MessageChannelWriter.Create(Sys, topology.Name, "mq-test", HostIdentity.Current);
        using var reader = MessageChannelReader.Start(Sys, writer.Descriptor.Path, writer.ReaderIndex, TestActor, peer.Ref, Logging.GetLogger(Sys, this),
            ActorHosting.OwnThreads);

        int full = 0;
        for (int i = 0; i < Messages; i++)
        {
            while (!writer.TrySend(new ReturnCredit("cam", i)))
            {
                full++;
                Thread.Yield(); // the reader is behind: an actor would send this one as an Akka message
            }
        }
        for (int i = 0; i < Messages; i++)
        {
            var m = ExpectMsg<ReturnCredit>(TimeSpan.FromSeconds(20));
            Assert.Equal(i, m.Count);
            Assert.Equal(peer.Ref, LastSender);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(full, writer.Refused);
    }

    [Fact]
    public void A_message_larger_than_an_entry_is_refused_for_the_caller_to_send_another_way()
    {
        using var topology = new TestTopology();
        using var writer = MessageChannelWriter.Create(Sys, topology.Name, "mq-test", HostIdentity.Current);

        Assert.False(writer.TrySend(new ChannelRefused("m", "/dev/shm/valkka.t.mq-c-1", new string('x', 20_000))));
        Assert.Equal(1, writer.Refused);
    }
}
