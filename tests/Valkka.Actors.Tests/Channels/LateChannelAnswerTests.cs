using Akka.TestKit;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Channels;

/// <summary>
/// A master slower than the client's offer timeout answers an offer the client already replaced:
/// only the answer to the current offer counts.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class LateChannelAnswerTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_late_refusal_of_a_replaced_offer_does_not_cancel_the_offer_the_master_took()
    {
        using var topology = new TestTopology();
        var master = CreateTestProbe();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), new DerivingAnalyzer(),
            masterPath: master.Ref.Path.ToString());

        var first = NextOffer(master);
        var second = NextOffer(master); // the first went unanswered past the offer timeout
        Assert.NotEqual(first.Ring.Path, second.Ring.Path);
        Assert.DoesNotContain(first.Ring.Path, topology.RingsLeft()); // the client removed the offer it gave up

        // In order, as a real master answers: the first offer's ring was gone when it got there.
        client.Tell(new ChannelRefused("m", first.Ring.Path, "cannot open the queues: it does not exist"), master.Ref);
        using var results = MessageChannelWriter.Create(Sys, topology.Name, ActorPaths.QueueName("m", 1), HostIdentity.Current);
        client.Tell(new ChannelOpened("m", second.Ring.Path, results.Descriptor, results.ReaderIndex), master.Ref);

        AwaitCondition(() => Probe.Ask<ClientDetails>(client, new GetClientDetails()).MasterChannel == MasterChannelKind.SharedMemory,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Watch(client);
        Sys.Stop(client);
        ExpectTerminated(client);
    }

    private static OpenChannel NextOffer(TestProbe master) =>
        (OpenChannel)master.FishForMessage(m => m is OpenChannel, TimeSpan.FromSeconds(20));
}
