using Akka.Configuration;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Metrics;

/// <summary>A master sends the boxes of its results to whoever watches them (the live view).</summary>
public sealed class ResultWatchersTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_watcher_gets_the_boxes_of_each_result_with_its_camera_and_frame()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "320x240"));
        var master = Sys.ActorOf(MasterActor.Props(new MasterSettings("m", "", Config.Empty, 4, TimeSpan.FromMilliseconds(20)),
            () => new BoxesBatchAnalyzer()), ActorPaths.MasterName("m"));
        var client = new PatternAnalyzer(forward: true);
        Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), client, masterPath: master.Path.ToStringWithoutAddress());
        AwaitCondition(() => client.MasterResults.Count >= 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

        var watcher = CreateTestProbe();
        master.Tell(new WatchResults("view"), watcher.Ref);
        for (var i = 0; i < 3; i++)
        {
            var boxes = watcher.ExpectMsg<WatchedBoxes>(TimeSpan.FromSeconds(30));
            Assert.Equal(("m", "a"), (boxes.MasterId, boxes.CameraId));
            // The same result went to the client that forwarded the frame.
            AwaitCondition(() => client.MasterResults.Any(r => r.Sequence == boxes.Sequence), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            Assert.Equal([new ResultBox(80, 10, 20, 30, 0.75f)], boxes.Boxes);
        }
    }
}
