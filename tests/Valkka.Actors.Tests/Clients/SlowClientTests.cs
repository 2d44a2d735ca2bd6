using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Clients;

public sealed class SlowClientTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Theory]
    [InlineData(FrameNotify.Doorbell)]
    [InlineData(FrameNotify.Remote)]
    public void A_slow_client_gets_the_latest_frames_with_skip_counts_and_does_not_slow_a_fast_one(FrameNotify notify)
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps: 50, size: "320x240"));
        var path = camera.Path.ToStringWithoutAddress();
        var slow = new PatternAnalyzer(delay: TimeSpan.FromMilliseconds(80));
        var fast = new PatternAnalyzer();
        var slowClient = Scenario.StartClient(Sys, topology, "slow", "a", path, slow, credit: 1, notify: notify);
        var fastClient = Scenario.StartClient(Sys, topology, "fast", "a", path, fast, credit: 4, notify: notify);

        AwaitCondition(() => slow.Intact >= 15, TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));
        Probe.Ask<DecodingStopped>(camera, new StopDecoding());
        Scenario.AssertCountsAddUp(camera, slowClient, "a", "slow");
        Scenario.AssertCountsAddUp(camera, fastClient, "a", "fast");

        var slowCounts = Scenario.ReaderCounts(camera, slowClient, "a", "slow");
        var fastCounts = Scenario.ReaderCounts(camera, fastClient, "a", "fast");
        // The slow client (at most ~12 frames/s of 50) gets only the newest frames: most are skipped.
        Assert.True(slowCounts.Skipped > slowCounts.Published / 3, $"slow client: {slowCounts}");
        // The fast client on the same camera keeps up: its frames are not held back by the slow one.
        Assert.True(fastCounts.Skipped <= fastCounts.Published / 10, $"fast client: {fastCounts}");
        Assert.True(fast.Intact > 2 * slow.Intact, $"fast analyzed {fast.Intact}, slow {slow.Intact}");
        Assert.Equal(0, slow.Corrupt + fast.Corrupt);
        Assert.Equal(0, slow.OutOfOrder + fast.OutOfOrder);
    }
}
