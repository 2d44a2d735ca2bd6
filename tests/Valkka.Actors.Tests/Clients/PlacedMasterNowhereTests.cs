using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Tests.Clients;

/// <summary>
/// A client whose master the cluster places (issue 27) while that master runs nowhere (its host lost, not placed
/// again yet): the frames its analyzer forwards are not sent, and the client says so (a counter and a reason in its
/// details, from which its status row, the metrics and `valkka status` come) instead of only logging it once.
/// </summary>
public sealed class PlacedMasterNowhereTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void Frames_for_a_master_that_runs_nowhere_are_counted_as_not_sent_and_the_reason_shows_until_it_runs()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, slots: 12, size: "320x240"));
        var batcher = new PatternBatchAnalyzer();
        var master = Sys.ActorOf(MasterActor.Props(new MasterSettings("m", "", Config.Empty, 4, TimeSpan.FromMilliseconds(20)), () => batcher),
            ActorPaths.MasterName("m"));
        var locator = new MovableLocator();
        var analyzer = new PatternAnalyzer(forward: true);
        var settings = new ClientSettings(topology.Name, "c1", [new CameraAddress("a", camera.Path.ToStringWithoutAddress())], "", Config.Empty,
            master.Path.ToStringWithoutAddress()) { MasterLocator = locator };
        var client = Sys.ActorOf(ClientActor.Props(settings, analyzer.Create), ActorPaths.ClientName("c1"));

        AwaitCondition(() => Details(client).NotSentToMaster >= 10, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var nowhere = Details(client);
        Assert.Equal("its master runs nowhere now (the cluster places it)", nowhere.MasterWaiting);
        Assert.Equal(0, nowhere.Forwarded);
        // Every analyzed frame was forwarded by the analyzer: none of them went out.
        Assert.Equal(nowhere.Cameras.Single().Analyzed, nowhere.NotSentToMaster);
        Assert.Empty(analyzer.MasterResults);

        locator.Path = master.Path.ToStringWithoutAddress();
        AwaitCondition(() => analyzer.MasterResults.Count >= 10, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var running = Details(client);
        Assert.Null(running.MasterWaiting);
        Assert.True(running.Forwarded >= 10, $"forwarded {running.Forwarded} once the master ran");
        // The count of frames not sent stays (a counter), and every analyzed frame is either sent or not sent.
        Assert.True(running.NotSentToMaster >= nowhere.NotSentToMaster, $"not sent went back: {nowhere.NotSentToMaster} -> {running.NotSentToMaster}");
        Assert.Equal(running.Cameras.Single().Analyzed, running.Forwarded + running.NotSentToMaster);
    }

    private static ClientDetails Details(IActorRef client) => Probe.Ask<ClientDetails>(client, new GetClientDetails());
}
