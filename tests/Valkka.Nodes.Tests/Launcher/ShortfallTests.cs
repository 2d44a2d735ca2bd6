using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Tests.Launcher;

/// <summary>The run's summary names every client that got less than 90 % of the rate it wanted from a camera, and why.</summary>
public class ShortfallTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    /// <summary>10 s of reports: the camera streams at 25 fps; the client analyzed fps frames a second of it, wanting wantedFps (null: every frame).</summary>
    private static BoardSnapshot Run(double analyzedFps, double? wantedFps, long discardedBehind = 0, long skippedBusy = 0)
    {
        var board = new StatsBoard();
        for (var s = 0; s <= 10; s++)
        {
            var analyzed = (long)(analyzedFps * s);
            var camera = new CameraRow("cam1", "streaming", null, 25 * s, 0, 25) { NativeFps = 25, DiscardedBehind = discardedBehind * s / 10 };
            var client = new ClientRow("c1", analyzed, skippedBusy, 0, 0, analyzedFps)
            {
                PerCamera = [new ClientCameraRow("cam1", true, analyzed, skippedBusy, 0, WantedFps: wantedFps)],
            };
            board.Update(new NodeReport("n", 0, [camera], [client], []), 0, T0.AddSeconds(s));
        }
        return board.Snapshot(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(25.0, null)]
    [InlineData(23.0, null)]   // 92 %
    [InlineData(5.0, 5.0)]
    [InlineData(25.0, 50.0)]   // wanted more than the camera has: every frame is all it can get
    public void A_client_that_gets_at_least_90_percent_of_what_it_wants_is_not_named(double analyzedFps, double? wantedFps) =>
        Assert.Empty(Shortfalls.Find(Run(analyzedFps, wantedFps)));

    [Fact]
    public void A_client_below_90_percent_because_its_camera_fell_behind_is_named_with_that_cause()
    {
        var found = Assert.Single(Shortfalls.Find(Run(20, null, discardedBehind: 50)));
        Assert.Equal(("c1", "cam1", 25.0, 20.0), (found.ClientId, found.CameraId, found.WantedFps, found.GotFps));
        Assert.Contains("the camera fell behind real time (50 wanted frames discarded)", found.Cause, StringComparison.Ordinal);
        Assert.Contains("client c1 got 20.0 of the 25 frames a second it wanted from camera cam1 (80%)", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_at_a_low_rate_below_90_percent_of_it_is_named_with_its_own_cause()
    {
        var found = Assert.Single(Shortfalls.Find(Run(4.0, 5.0, skippedBusy: 30)));
        Assert.Equal(5.0, found.WantedFps);
        Assert.Contains("the client was busy (30 frames skipped, latest wins)", found.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_lists_the_shortfalls()
    {
        var summary = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), Run(20, null, discardedBehind: 50), ["n"]);
        var listed = Assert.Single(summary["shortfalls"]!.AsArray());
        Assert.Equal("c1", (string?)listed!["client"]);
        Assert.Equal(20.0, (double?)listed["gotFps"]);
        Assert.Equal(50, (long?)summary["cameras"]!["cam1"]!["discardedBehind"]);
    }
}
