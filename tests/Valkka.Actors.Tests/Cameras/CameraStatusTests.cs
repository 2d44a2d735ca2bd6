using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Tests.Cameras;

public sealed class CameraStatusTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void Status_subscribers_hear_streaming_then_stopped_and_stats_count_decoded_frames()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 30, size: "64x48"));
        camera.Tell(new SubscribeStatus(), TestActor);
        FishForMessage<CameraStatusChanged>(m => m.Status == "streaming", TimeSpan.FromSeconds(15));

        AwaitCondition(() => Probe.Ask<CameraStats>(camera, GetStats.Instance).Decoded >= 10, TimeSpan.FromSeconds(15));
        camera.Tell(new StopDecoding(), TestActor);
        FishForMessage<CameraStatusChanged>(m => m.Status == "stopped", TimeSpan.FromSeconds(15));
        var stats = Probe.Ask<CameraStats>(camera, GetStats.Instance);
        Assert.Equal("a", stats.CameraId);
        Assert.Equal("stopped", stats.Status);
    }

    [Fact]
    public void A_camera_whose_source_cannot_be_opened_reports_failed_with_the_reason()
    {
        using var topology = new TestTopology();
        var missing = Path.Combine(Path.GetTempPath(), "valkka-no-such-file-" + Guid.NewGuid().ToString("N") + ".mp4");
        var settings = new CameraSettings(topology.Name, "gone", new DecoderOptions(missing) { MaxReconnectAttempts = 0 }, 4);
        var camera = Scenario.StartCamera(Sys, settings);
        camera.Tell(new SubscribeStatus(), TestActor);

        var failed = FishForMessage<CameraStatusChanged>(m => m.Status == "failed", TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        Assert.Equal("failed", Probe.Ask<CameraStats>(camera, GetStats.Instance).Status);
        Assert.Empty(topology.RingsLeft()); // no size known and no frame: no ring was made
    }
}
