using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Channels;

/// <summary>Requests to a master on the same host and its results go through shared-memory queues, not Akka.Remote.</summary>
public sealed class SameHostChannelTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private static IActorRef StartMaster(ActorSystem system, PatternBatchAnalyzer batcher, RingSourceHosting hosting = RingSourceHosting.ActorThread)
    {
        var settings = new MasterSettings("m", "", Config.Empty, 4, TimeSpan.FromMilliseconds(20)) { RingSources = hosting };
        return system.ActorOf(MasterActor.Props(settings, () => batcher), ActorPaths.MasterName("m"));
    }

    /// <summary>A camera and a deriving client in the test's system, a master in masterNode.</summary>
    private (IActorRef Client, IActorRef Master, DerivingAnalyzer Deriving, IActorRef Camera) StartPipeline(TestTopology topology, ActorSystem masterNode,
        FrameNotify notify = FrameNotify.Doorbell, RingSourceHosting masterHosting = RingSourceHosting.ActorThread)
    {
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        var master = StartMaster(masterNode, new PatternBatchAnalyzer(), masterHosting);
        var deriving = new DerivingAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), deriving,
            masterPath: Nodes.PathOf(masterNode, ActorPaths.MasterName("m")), notify: notify);
        return (client, master, deriving, camera);
    }

    [Fact]
    public void Requests_and_results_between_two_nodes_of_one_host_go_through_the_queues_and_every_result_matches_its_frame()
    {
        var details = RunThroughQueues(RingSourceHosting.ActorThread);

        Assert.Equal(1, details.ChannelsOnOwnThread); // the master's own thread reads the queue: no reader thread
    }

    [Fact]
    public void A_master_on_a_dispatcher_that_cannot_host_the_queue_reads_it_on_a_thread_of_its_own()
    {
        var details = RunThroughQueues(RingSourceHosting.OwnThreads); // on Akka's default dispatcher

        Assert.Equal(0, details.ChannelsOnOwnThread);
    }

    private MasterDetails RunThroughQueues(RingSourceHosting masterHosting)
    {
        using var topology = new TestTopology();
        var masterNode = Nodes.StartRemote();
        try
        {
            var (clientRef, master, deriving, camera) = StartPipeline(topology, masterNode, masterHosting: masterHosting);

            AwaitCondition(() => Probe.Ask<ClientDetails>(clientRef, new GetClientDetails()).MasterChannel == MasterChannelKind.SharedMemory,
                TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            Assert.Equal(1, Probe.Ask<MasterDetails>(master, new GetMasterDetails()).Channels);
            int before = deriving.Results.Count;
            AwaitCondition(() => deriving.Results.Count >= before + 30, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            // Counts are compared once the flow has drained: every request the client forwarded was analyzed
            // (or skipped as stale or superseded) by the master and every result reached the analyzer. The client counts a result and hands it to the
            // analyzer in one step on its thread, so its counter equals the analyzer's list when no result
            // arrives while the counter is read.
            Probe.Ask<DecodingStopped>(camera, new StopDecoding());
            string counts = "";
            bool drained = Wait.Until(() =>
            {
                int delivered = deriving.Results.Count;
                var client = Probe.Ask<ClientDetails>(clientRef, new GetClientDetails());
                var m = Probe.Ask<MasterDetails>(master, new GetMasterDetails());
                counts = $"forwarded {client.Forwarded}; master analyzed {m.Frames}, stale {m.Stale}, skipped {m.Skipped}; results {client.MasterResults}, delivered {delivered}";
                return delivered == deriving.Results.Count && client.MasterResults == delivered &&
                       m.Frames == client.MasterResults && client.Forwarded == m.Frames + m.Stale + m.Skipped;
            }, TimeSpan.FromSeconds(30));
            Assert.True(drained, $"counts never added up: {counts}");

            foreach (var result in deriving.Results)
            {
                Assert.Equal("c1", result.ClientId);
                var tag = Assert.IsType<TestResult>(result.Result);
                Assert.True(deriving.Written.TryGetValue(result.Sequence, out var written), $"no derived frame for {result.Sequence}");
                Assert.Equal(written, tag.Score);
            }
            return Probe.Ask<MasterDetails>(master, new GetMasterDetails());
        }
        finally
        {
            Nodes.Stop(masterNode);
        }
    }

    [Fact]
    public void When_the_master_node_goes_away_the_client_closes_its_queues_and_leaves_no_ring()
    {
        using var topology = new TestTopology();
        var masterNode = Nodes.StartRemote();
        var (client, _, _, _) = StartPipeline(topology, masterNode);
        AwaitCondition(() => Probe.Ask<ClientDetails>(client, new GetClientDetails()).MasterChannel == MasterChannelKind.SharedMemory,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.Contains(topology.RingsLeft(), path => path.Contains(".mq-m-"));

        Nodes.Stop(masterNode);

        AwaitCondition(() => Probe.Ask<ClientDetails>(client, new GetClientDetails()).MasterChannel == MasterChannelKind.Akka,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Watch(client);
        Sys.Stop(client);
        ExpectTerminated(client);
        AwaitCondition(() => !topology.RingsLeft().Any(path => path.Contains(".mq-")), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_client_that_asks_for_akka_messages_gets_its_results_without_queues()
    {
        using var topology = new TestTopology();
        var masterNode = Nodes.StartRemote();
        try
        {
            var (client, master, deriving, _) = StartPipeline(topology, masterNode, FrameNotify.Remote);

            AwaitCondition(() => deriving.Results.Count >= 10, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            Assert.Equal(MasterChannelKind.Akka, Probe.Ask<ClientDetails>(client, new GetClientDetails()).MasterChannel);
            Assert.Equal(0, Probe.Ask<MasterDetails>(master, new GetMasterDetails()).Channels);
            Assert.DoesNotContain(topology.RingsLeft(), path => path.Contains(".mq-"));
        }
        finally
        {
            Nodes.Stop(masterNode);
        }
    }

    [Fact]
    public void In_one_actor_system_the_master_refuses_queues_and_results_still_come()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        var master = StartMaster(Sys, new PatternBatchAnalyzer());
        var deriving = new DerivingAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), deriving,
            masterPath: master.Path.ToStringWithoutAddress());

        AwaitCondition(() => deriving.Results.Count >= 10, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.Equal(MasterChannelKind.Akka, Probe.Ask<ClientDetails>(client, new GetClientDetails()).MasterChannel);
        Assert.Equal(0, Probe.Ask<MasterDetails>(master, new GetMasterDetails()).Channels);
    }
}
