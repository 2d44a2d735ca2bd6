using Valkka.Nodes.Cli;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Tests.Launcher;

public class StatsBoardTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static NodeReport Client(long analyzed, long stale = 0) =>
        new("n", 0, [], [new ClientRow("c1", analyzed, 0, stale, analyzed / 2, 25)], []);

    [Fact]
    public void Counters_of_a_restarted_node_add_to_those_of_its_previous_life()
    {
        var board = new StatsBoard();
        board.Update(Client(100, stale: 2), incarnation: 0, T0);
        board.Update(Client(150, stale: 3), incarnation: 0, T0.AddSeconds(1));
        board.Update(Client(10), incarnation: 1, T0.AddSeconds(3));   // restarted: counts from zero
        board.Update(Client(40), incarnation: 1, T0.AddSeconds(4));

        var c1 = board.Snapshot(TimeSpan.FromSeconds(10)).Clients["c1"];
        Assert.Equal(190, c1.Total.Analyzed);
        Assert.Equal(3, c1.Total.Stale);
        Assert.Equal(75 + 20, c1.Total.Results);
        Assert.Equal(40, c1.Latest.Analyzed);
    }

    [Fact]
    public void A_client_whose_details_arrive_late_keeps_all_its_previous_details()
    {
        var board = new StatsBoard();
        var detailed = new ClientRow("c1", 100, 0, 0, 4, 25)
        {
            Forwarded = 20, MasterResults = 19,
            PerCamera = [new ClientCameraRow("cam1", true, 100, 0, 0)],
        };
        board.Update(new NodeReport("n", 0, [], [detailed], []), 0, T0);
        board.Update(new NodeReport("n", 0, [], [new ClientRow("c1", 125, 0, 0, 5, 25)], []), 0, T0.AddSeconds(1));

        var c1 = board.Snapshot(TimeSpan.FromSeconds(10)).Clients["c1"].Latest;
        Assert.Equal(125, c1.Analyzed);
        Assert.Equal(20, c1.Forwarded);
        Assert.Equal(19, c1.MasterResults);
        Assert.Single(c1.PerCamera);
    }

    [Fact]
    public void Window_counts_only_the_recent_samples()
    {
        var board = new StatsBoard();
        for (var s = 0; s <= 10; s++) board.Update(Client(25 * s), 0, T0.AddSeconds(s));

        var c1 = board.Snapshot(TimeSpan.FromSeconds(4)).Clients["c1"];
        Assert.Equal(100, c1.WindowCount);
        Assert.Equal(4, c1.WindowSeconds);
    }

    [Fact]
    public void Summary_has_the_documented_shape()
    {
        var board = new StatsBoard();
        board.Update(new NodeReport("cams", 0, [new CameraRow("cam1", "streaming", null, 250, 1, 25)], [], []), 0, T0);
        board.Update(Client(240), 0, T0);
        board.Update(new NodeReport("boss", 0, [], [], [new MasterRow("m1", 12, 48, 48, 4, 2.5)]), 0, T0);
        board.SetRestarts("n", 1);

        var json = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["cams", "n", "boss"]);
        Assert.Equal(250, (long)json["cameras"]!["cam1"]!["decoded"]!);
        Assert.Equal(1, (long)json["cameras"]!["cam1"]!["dropped"]!);
        Assert.Equal(25.0, (double)json["cameras"]!["cam1"]!["fps"]!);
        Assert.Equal("streaming", (string)json["cameras"]!["cam1"]!["status"]!);
        Assert.Equal(240, (long)json["clients"]!["c1"]!["analyzed"]!);
        foreach (var key in new[] { "skipped", "stale", "fps", "results" }) Assert.NotNull(json["clients"]!["c1"]![key]);
        Assert.Equal(12, (long)json["masters"]!["m1"]!["batches"]!);
        Assert.Equal(48, (long)json["masters"]!["m1"]!["frames"]!);
        Assert.Equal(48, (long)json["masters"]!["m1"]!["results"]!);
        Assert.Equal(0, (int)json["restarts"]!["cams"]!);
        Assert.Equal(1, (int)json["restarts"]!["n"]!);
    }

    [Fact]
    public void Relays_and_what_cameras_sent_them_are_in_the_summary_and_add_up_over_restarts()
    {
        var board = new StatsBoard();
        NodeReport Relay(long packets, long lost) =>
            new("work", 0, [], [], []) { Relays = [new RelayRow("cam1", "streaming", packets, packets - 5, lost, 0, 24, 25)] };
        board.Update(Relay(300, 2), 0, T0);
        board.Update(Relay(100, 1), 1, T0.AddSeconds(2));   // the relay's node restarted
        board.Update(new NodeReport("cams", 0, [], [], []) { Publishers = [new PublisherRow("cam1", "work/cam1", 400, 5_000_000, 7, 20, 3, 1)] }, 0, T0);

        var json = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["cams", "work"]);
        var relay = json["relays"]!["work/cam1"]!;
        Assert.Equal(400, (long)relay["packetsReceived"]!);
        Assert.Equal(390, (long)relay["decoded"]!);
        Assert.Equal(3, (long)relay["lostOnWire"]!);
        Assert.Equal(48, (long)relay["droppedUpstream"]!);
        Assert.Equal("streaming", (string)relay["status"]!);
        var sent = json["publishers"]!["cam1->work/cam1"]!;
        Assert.Equal(400, (long)sent["sent"]!);
        Assert.Equal(5_000_000, (long)sent["bytes"]!);
        Assert.Equal(7, (long)sent["droppedNoCredit"]!);
        Assert.Equal(3, (long)sent["inFlight"]!);
    }

    [Fact]
    public void The_clusters_placement_of_every_host_is_in_the_summary_from_the_latest_report_that_has_it()
    {
        var board = new StatsBoard();
        board.Update(new NodeReport("edgeA", 2000, [], [], [])
        {
            ClusterPlacement = [new PlacedCameraRow("cam1", "edgeA", "10.0.0.1", "edgeA"), new PlacedCameraRow("cam2", "edgeB", "10.0.0.2", "edgeB")],
        }, 0, T0);
        board.Update(new NodeReport("edgeA2", 1000, [], [], []) { ClusterPlacement = [] }, 0, T0);   // an older replica's view
        board.Update(new NodeReport("pinned", 3000, [], [], []), 0, T0);                            // a node that places nothing

        var json = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["edgeA", "edgeA2", "pinned"]);
        var placement = json["placement"]!.AsObject();
        Assert.Equal(["cam1", "cam2"], placement.Select(kv => kv.Key));
        Assert.Equal("edgeB", (string)placement["cam2"]!["node"]!);
        Assert.Equal("10.0.0.2", (string)placement["cam2"]!["host"]!);
        Assert.Equal("edgeB", (string)placement["cam2"]!["runningOn"]!);

        board.Update(new NodeReport("edgeA", 4000, [], [], [])
        {
            ClusterPlacement = [new PlacedCameraRow("cam1", "", "", "edgeA")],   // cam2 removed, cam1 moving off edgeA
        }, 0, T0.AddSeconds(1));
        var moved = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["edgeA"]);
        Assert.Equal(["cam1"], moved["placement"]!.AsObject().Select(kv => kv.Key));
        var status = StatusCommand.Render(moved);
        Assert.Matches(@"placement \(the cluster's, every host\):\s+cam1\s+node \(moving\)\s+host\s+running on edgeA", status);
    }
    [Fact]
    public void A_client_whose_master_runs_nowhere_says_so_in_the_summary_and_the_status_until_its_master_runs()
    {
        var board = new StatsBoard();
        var waiting = new ClientRow("c1", 100, 0, 0, 0, 25)
        {
            Forwarded = 40, NotSentToMaster = 60, MasterWaiting = "its master runs nowhere now (the cluster places it)",
            PerCamera = [new ClientCameraRow("cam1", true, 100, 0, 0, 0, null)],
        };
        board.Update(new NodeReport("work", 1000, [], [waiting], []), 0, T0);
        var json = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["work"]);
        Assert.Equal(60, (long)json["clients"]!["c1"]!["notSentToMaster"]!);
        Assert.Matches(@"c1\s+node work\s.*analyzed 100 25\.0 fps, master nowhere \(60 frames not sent\)", StatusCommand.Render(json));

        board.Update(new NodeReport("work", 1000, [], [waiting with { Analyzed = 150, Forwarded = 90, MasterWaiting = null }], []), 0, T0.AddSeconds(1));
        var back = RunSummary.Build("t", "processes", TimeSpan.FromSeconds(10), board.Snapshot(TimeSpan.FromSeconds(5)), ["work"]);
        Assert.Null(back["clients"]!["c1"]!["masterWaiting"]);
        Assert.Equal(60, (long)back["clients"]!["c1"]!["notSentToMaster"]!);
        Assert.DoesNotContain("master nowhere", StatusCommand.Render(back));
    }
}
