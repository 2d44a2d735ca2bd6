using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Clients;

/// <summary>Frames from a real ring reach a client intact, and the counts add up, in one or two ActorSystems.</summary>
[Trait("Speed", "Slow")]
public sealed class FrameDeliveryTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Theory]
    [InlineData(FrameNotify.Doorbell)]
    [InlineData(FrameNotify.Remote)]
    public void In_one_actor_system_frames_arrive_intact_and_counts_add_up(FrameNotify notify)
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 100));
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), analyzer, notify: notify);

        Run(camera, client, analyzer, notify);
        StopAndExpectRingGone(camera, topology.CameraRing("a"));
    }

    [Theory]
    [InlineData(FrameNotify.Doorbell)]
    [InlineData(FrameNotify.Remote)]
    public void Across_two_actor_systems_over_remote_frames_arrive_intact_and_counts_add_up(FrameNotify notify)
    {
        using var topology = new TestTopology();
        var cameraNode = Nodes.StartRemote();
        try
        {
            var camera = Scenario.StartCamera(cameraNode, Scenario.PatternCamera(topology, "a", fps: 100));
            var analyzer = new PatternAnalyzer();
            var client = Scenario.StartClient(Sys, topology, "c1", "a", Nodes.PathOf(cameraNode, ActorPaths.CameraName("a")), analyzer, notify: notify);

            Run(camera, client, analyzer, notify);
            Sys.Stop(client);
            // The camera's node sees the reader go away (unsubscribe, or DeathWatch) and frees its index.
            AwaitCondition(() => Probe.Camera(camera).Readers == 0, TimeSpan.FromSeconds(15));
        }
        finally
        {
            Nodes.Stop(cameraNode);
        }
        Assert.False(File.Exists(topology.CameraRing("a")), "the camera's ring must be unlinked when its node stops");
    }

    private void Run(IActorRef camera, IActorRef client, PatternAnalyzer analyzer, FrameNotify notify)
    {
        AwaitCondition(() => analyzer.Intact >= 100, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        Assert.Equal(notify, Probe.Client(client, "a").Notify);
        // A doorbell client on its own analyzer thread sleeps on the ring itself (no watcher thread).
        Assert.Equal(notify == FrameNotify.Doorbell, Probe.Client(client, "a").WatchedOnOwnThread);
        Probe.Ask<DecodingStopped>(camera, new StopDecoding());
        Scenario.AssertCountsAddUp(camera, client, "a", "c1");
        Assert.Equal(0, analyzer.Corrupt);
        Assert.Equal(0, analyzer.OutOfOrder);
        var details = Probe.Client(client, "a");
        Assert.Equal(details.Analyzed, analyzer.Intact);
    }

    private void StopAndExpectRingGone(IActorRef camera, string ring)
    {
        Assert.True(File.Exists(ring));
        Watch(camera);
        Sys.Stop(camera);
        ExpectTerminated(camera, TimeSpan.FromSeconds(15));
        Assert.False(File.Exists(ring), "the camera's ring must be unlinked when it stops");
    }
}
