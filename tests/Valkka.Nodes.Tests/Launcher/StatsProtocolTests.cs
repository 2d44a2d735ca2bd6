using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Tests.Launcher;

public class StatsProtocolTests
{
    [Fact]
    public void A_report_survives_the_stats_line_round_trip()
    {
        var report = new NodeReport("n1", 1234,
            [new CameraRow("cam1", "streaming", null, 100, 3, 24.9) { Readers = 2, LeasesCleared = 1 }],
            [new ClientRow("c1", 90, 5, 1, 7, 25.1) { Forwarded = 18, PerCamera = [new ClientCameraRow("cam1", true, 90, 5, 1)] }],
            [new MasterRow("m1", 10, 18, 18, 1.8, 3.5)]);
        var line = StatsLine.Format(report);

        Assert.StartsWith(StatsLine.Prefix, line);
        Assert.DoesNotContain('\n', line);
        Assert.True(StatsLine.TryParse(line, out var back));
        Assert.Equal(report.Node, back.Node);
        Assert.Equal(report.Cameras[0], back.Cameras[0]);
        Assert.Equal(report.Masters[0], back.Masters[0]);
        Assert.Equal(18, back.Clients[0].Forwarded);
        Assert.Equal(report.Clients[0].PerCamera[0], back.Clients[0].PerCamera[0]);
    }

    [Theory]
    [InlineData("[INFO][11/24/2026] some Akka log line")]
    [InlineData("@valkka-stats {not json")]
    [InlineData("")]
    public void Other_lines_are_not_stats(string line) => Assert.False(StatsLine.TryParse(line, out _));
}
