using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Tests.Masters;

/// <summary>
/// A master's frames of a camera the cluster places (issue 27): it looks each forwarded frame up by its stream frame
/// index in the ring its locator names on its host now (here the camera's own ring), attaches there once the locator
/// knows one, and answers with the very frame the client forwarded.
/// </summary>
public sealed class PlacedCameraFramesTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_master_finds_a_placed_cameras_frames_by_stream_index_where_its_locator_says_once_it_says_it()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, slots: 12, size: "320x240"));
        var locator = new MovableLocator();
        var batcher = new PatternBatchAnalyzer();
        var settings = new MasterSettings("m", "", Config.Empty, 4, TimeSpan.FromMilliseconds(20))
        {
            RelayedCameras = new Dictionary<string, string> { ["a"] = "/user/" + ActorPaths.RelayName("a") },   // no relay runs: never used
            PlacedCameras = new Dictionary<string, PlacedCameraFrames> { ["a"] = new(locator, EveryFrame: false) },
            RelayFrameWait = TimeSpan.FromMilliseconds(200),
        };
        var master = Sys.ActorOf(MasterActor.Props(settings, () => batcher), ActorPaths.MasterName("m"));
        var client = new PatternAnalyzer(forward: true);
        Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), client, masterPath: master.Path.ToStringWithoutAddress());

        // The camera runs nowhere the master knows of: its requests wait, then count as stale; none is answered.
        AwaitCondition(() => Probe.Ask<MasterDetails>(master, new GetMasterDetails()).Stale >= 3, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.Empty(client.MasterResults);

        locator.Path = camera.Path.ToStringWithoutAddress();
        AwaitCondition(() => client.MasterResults.Count >= 20, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        // The master saw the frame the client forwarded: the same pattern number for that sequence.
        foreach (var result in client.MasterResults)
        {
            Assert.True(client.Seen.TryGetValue(("a", result.Sequence), out var number), $"c1 never forwarded {result.Sequence}");
            Assert.Equal(number, Assert.IsType<TestResult>(result.Result).FrameNumber);
        }
        // It leased them in the camera's own ring, as a reader of the camera.
        Assert.Equal(ActorPaths.MasterName("m"), Probe.Reader(camera, ActorPaths.MasterName("m")).ReaderId);
    }
}
