using Akka.Actor;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Flow;

/// <summary>A client in a real second process holds a lease and is killed with kill -9.</summary>
[Trait("Speed", "Slow")]
public sealed class LeaseReclaimTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_client_killed_while_holding_a_lease_has_it_reclaimed_and_writing_never_stalls()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 50, slots: 4, size: "320x240"));
        var cameraPath = Nodes.PathOf(Sys, ActorPaths.CameraName("a"));

        using var clientNode = TestNodeProcess.Start("client", "0", topology.Name, "c1", "a", cameraPath, "hold");
        clientNode.WaitForLine("READY ", TimeSpan.FromSeconds(30));
        clientNode.WaitForLine(line => line.Contains("HOLDING"), TimeSpan.FromSeconds(30), "HOLDING");

        // The client sits on its lease; the camera keeps writing into the other slots.
        var held = Probe.Camera(camera);
        Assert.Equal(1, held.Readers);
        Assert.Equal(1, held.LeasedSlots);
        AwaitCondition(() => Probe.Camera(camera).Published >= held.Published + 25, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));

        clientNode.Kill();

        // DeathWatch: the reader index is freed and its lease cleared.
        AwaitCondition(() => Probe.Camera(camera) is { Readers: 0, LeasedSlots: 0 }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        var after = Probe.Camera(camera);
        Assert.True(after.LeasesCleared >= 1, after.ToString());
        // With no reader left the camera writes nothing (no rate wanted); a new reader gets frames again.
        camera.Tell(new Messages.Subscribe("next", 64), CreateTestProbe().Ref);
        AwaitCondition(() => Probe.Camera(camera).Published >= after.Published + 25, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Leases_held_longer_than_the_timeout_are_expired_as_a_backstop()
    {
        using var topology = new TestTopology();
        var settings = Scenario.PatternCamera(topology, "a", fps: 50, slots: 4, size: "320x240") with
        {
            LeaseTimeout = TimeSpan.FromMilliseconds(300),
            LeaseCheckInterval = TimeSpan.FromMilliseconds(100),
        };
        var camera = Scenario.StartCamera(Sys, settings);
        var release = new ManualResetEventSlim(); // not disposed: the analyzer may still be waiting on it
        var stuck = new StuckAnalyzer(release);
        Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), stuck, credit: 1);
        try
        {
            AwaitCondition(() => Probe.Camera(camera).LeasesExpired >= 1, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
            Assert.Equal(0, Probe.Camera(camera).LeasedSlots);
        }
        finally
        {
            release.Set();
        }
    }

    private sealed class StuckAnalyzer(ManualResetEventSlim release) : Analysis.IFrameAnalyzer, IFrameAnalyzerFactory
    {
        public Analysis.IFrameAnalyzer Create() => this;

        public Analysis.IAnalysisResult? Analyze(in Analysis.FrameView frame, Analysis.IClientContext context)
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return null;
        }
    }
}
