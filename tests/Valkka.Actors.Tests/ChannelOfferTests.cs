using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests;

/// <summary>
/// A client whose first offer of queues went unanswered offers again; the master's late refusal of
/// the first offer must not make the client give up the second, which the master took: else the
/// master writes every result into a queue nobody reads.
/// </summary>
public sealed class ChannelOfferTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_late_refusal_of_a_replaced_offer_leaves_the_current_offer_standing()
    {
        using var topology = new TestTopology();
        var master = CreateTestProbe();
        var client = Sys.ActorOf(Props.Create(() => new OfferingClient(topology.Name, Sys.ActorSelection(master.Ref.Path))));
        var request = new AnalyzeRequest("c1", new FrameRef("cam1", "ring", 0, 2, 0, 1, 1), ActorRefs.Nobody, 2);

        client.Tell(request);
        var first = master.ExpectMsg<OpenChannel>();
        // No answer: the client offers a new queue with a later request, once its offer timed out.
        OpenChannel? second = null;
        AwaitCondition(() =>
        {
            client.Tell(request);
            while (master.HasMessages)
                if (master.ReceiveOne() is OpenChannel offer) second = offer;
            return second is not null;
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        Assert.NotEqual(first.Ring.Path, second!.Ring.Path);

        client.Tell(new ChannelRefused("m1", "cannot open the queues: the first one is gone", first.Ring.Path), master.Ref);
        using var results = MessageChannelWriter.Create(Sys, topology.Name, ActorPaths.QueueName("m1", 1));
        client.Tell(new ChannelOpened("m1", second.Ring.Path, results.Descriptor, results.ReaderIndex), master.Ref);

        AwaitCondition(() => client.Ask<MasterChannelKind>("kind", TimeSpan.FromSeconds(5)).Result == MasterChannelKind.SharedMemory,
            TimeSpan.FromSeconds(10));
        Sys.Stop(client);
    }

    /// <summary>A client's channel to its master, with nothing else of a client.</summary>
    private sealed class OfferingClient : ReceiveActor
    {
        private readonly ChannelClient _channel;

        public OfferingClient(string topology, ActorSelection master)
        {
            var channel = _channel = new ChannelClient("c1", topology, offerQueues: true, master, Context, Context.GetLogger(),
                ActorHosting.OwnThreads);
            Receive<AnalyzeRequest>(channel.Send);
            Receive<ChannelRefused>(channel.OnRefused);
            Receive<ChannelOpened>(m => channel.OnOpened(m, Sender));
            Receive<string>(_ => Sender.Tell(channel.Kind));
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _channel.Close();
    }
}
