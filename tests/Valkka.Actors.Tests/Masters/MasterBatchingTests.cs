using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Masters;

public sealed class MasterBatchingTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private IActorRef StartMaster(ActorSystem system, string id, PatternBatchAnalyzer analyzer, int maxBatch, TimeSpan maxWait) =>
        system.ActorOf(MasterActor.Props(new MasterSettings(id, "", Config.Empty, maxBatch, maxWait), () => analyzer), ActorPaths.MasterName(id));

    [Fact]
    public void Batches_never_exceed_the_limit_and_every_result_reaches_the_client_that_asked_for_its_frame()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 60, slots: 12, size: "320x240"));
        var batcher = new PatternBatchAnalyzer(delayPerBatch: TimeSpan.FromMilliseconds(30));
        var master = StartMaster(Sys, "m", batcher, maxBatch: 2, maxWait: TimeSpan.FromMilliseconds(20));
        var clients = Enumerable.Range(1, 3).Select(i => new PatternAnalyzer(forward: true)).ToList();
        for (int i = 0; i < clients.Count; i++)
        {
            Scenario.StartClient(Sys, topology, $"c{i + 1}", "a", camera.Path.ToStringWithoutAddress(), clients[i],
                masterPath: master.Path.ToStringWithoutAddress());
        }

        AwaitCondition(() => clients.All(c => c.MasterResults.Count >= 20), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));

        Assert.All(batcher.BatchSizes, size => Assert.InRange(size, 1, 2));
        var details = Probe.Ask<MasterDetails>(master, new GetMasterDetails());
        Assert.Equal(2, details.MaxBatchSeen);
        for (int i = 0; i < clients.Count; i++)
        {
            foreach (var result in clients[i].MasterResults)
            {
                Assert.Equal($"c{i + 1}", result.ClientId);
                Assert.Equal("a", result.CameraId);
                var tag = Assert.IsType<TestResult>(result.Result);
                // The master saw the same frame the client forwarded: same pattern number for that sequence.
                Assert.True(clients[i].Seen.TryGetValue(("a", result.Sequence), out var number), $"c{i + 1} never forwarded {result.Sequence}");
                Assert.Equal(number, tag.FrameNumber);
            }
        }
        var stats = Probe.Ask<MasterStats>(master, GetStats.Instance);
        Assert.True(stats.MeanBatchSize is > 1 and <= 2, stats.ToString());
    }

    [Fact]
    public void A_partial_batch_leaves_after_max_wait()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        var batcher = new PatternBatchAnalyzer();
        // One client with one frame in flight can never fill a batch of 8: only max wait sends them.
        var master = StartMaster(Sys, "m", batcher, maxBatch: 8, maxWait: TimeSpan.FromMilliseconds(40));
        var client = new PatternAnalyzer(forward: true);
        Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), client, masterPath: master.Path.ToStringWithoutAddress());

        AwaitCondition(() => client.MasterResults.Count >= 10, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.All(batcher.BatchSizes, size => Assert.Equal(1, size));
        Assert.All(client.MasterResults, r => Assert.Equal(client.Seen[("a", r.Sequence)], ((TestResult)r.Result).FrameNumber));
    }

    [Fact]
    public void Derived_frames_in_a_clients_own_ring_reach_a_master_on_another_node_and_results_come_back()
    {
        using var topology = new TestTopology();
        var masterNode = Nodes.StartRemote();
        try
        {
            var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
            var batcher = new PatternBatchAnalyzer();
            StartMaster(masterNode, "m", batcher, maxBatch: 4, maxWait: TimeSpan.FromMilliseconds(20));
            var deriving = new DerivingAnalyzer();
            var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), deriving,
                masterPath: Nodes.PathOf(masterNode, ActorPaths.MasterName("m")));

            AwaitCondition(() => deriving.Results.Count >= 15, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            Assert.True(File.Exists(topology.ClientRing("c1")));
            foreach (var result in deriving.Results)
            {
                Assert.Equal("c1", result.ClientId);
                var tag = Assert.IsType<TestResult>(result.Result);
                Assert.True(deriving.Written.TryGetValue(result.Sequence, out var written), $"no derived frame for {result.Sequence}");
                Assert.Equal(written, tag.Score);
            }
            Watch(client);
            Sys.Stop(client);
            ExpectTerminated(client);
            Assert.False(File.Exists(topology.ClientRing("c1")), "the client's ring must be unlinked when it stops");
        }
        finally
        {
            Nodes.Stop(masterNode);
        }
    }
}
