using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Masters;

public sealed class MasterDeathWatchTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_master_releases_the_leases_of_a_client_that_went_away()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        // A batch that can never fill and a long wait: the master sits on the client's latest frame.
        var master = Sys.ActorOf(MasterActor.Props(new MasterSettings("m", "", Config.Empty, 8, TimeSpan.FromMinutes(5)),
            () => new PatternBatchAnalyzer()), ActorPaths.MasterName("m"));
        var analyzer = new PatternAnalyzer(forward: true);
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), analyzer,
            masterPath: master.Path.ToStringWithoutAddress());

        AwaitCondition(() => analyzer.Intact >= 10, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        var held = Probe.Camera(camera);
        Assert.Equal(1, held.LeasedSlots);
        var details = Probe.Ask<MasterDetails>(master, new GetMasterDetails());
        Assert.Equal(0, details.Batches);
        Assert.True(details.Skipped >= 1, details.ToString()); // one in flight per client: older ones were replaced

        Watch(client);
        Sys.Stop(client);
        ExpectTerminated(client);
        AwaitCondition(() => Probe.Camera(camera).LeasedSlots == 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, Probe.Ask<MasterDetails>(master, new GetMasterDetails()).Clients);
    }
}
