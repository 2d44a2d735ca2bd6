using Valkka.Actors.Placement;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Placement;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Tests.Placement;

/// <summary>
/// The pure rules behind live changes of placed parts (issue 27): what a change plans for them, which of them the
/// node's own change leaves to the placement, how the decider moves a camera whose role changed and counts moves, and
/// how a launcher's board drops a placed row its node no longer runs.
/// </summary>
public sealed class PlacedChangeTests
{
    private const string Analyzer = "analyzer { type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\" }";

    private static TopologyDefinition Parse(string cam1Role = "edge", string cam1Url = "size=320x180", string c1 = "", string cam2 = "placement { role = edge }",
        string c2 = "placement = with-camera", string masters = "")
    {
        var result = TopologyParser.Parse($$"""
            valkka {
              nodes {
                a { host = "10.0.0.1", port = 25540, roles = [edge] }
                b { host = "10.0.0.2", port = 25540, roles = [edge, night] }
              }
              insecure = on
              metrics { port = 9464 }
              cameras {
                cam1 { url = "synthetic://testsrc2?{{cam1Url}}&fps=10", placement { role = {{cam1Role}} } }
                cam2 { url = "synthetic://testsrc2?size=320x180&fps=10", {{cam2}} }
              }
              clients {
                c1 { placement = with-camera, cameras = [cam1], {{c1}} {{Analyzer}} }
                c2 { {{c2}}, cameras = [cam2], {{Analyzer}} }
              }
              {{masters}}
            }
            """, "t");
        Assert.Empty(result.Errors);
        return result.Topology!;
    }

    [Fact]
    public void The_same_file_read_again_plans_nothing_also_with_metrics()
    {
        Assert.True(TopologyDiff.Plan(Parse(), Parse()).IsEmpty);
    }

    [Fact]
    public void A_placed_camera_whose_role_url_or_client_changed_is_a_change_the_node_leaves_to_the_placement()
    {
        var running = Parse();
        var desired = Parse(cam1Role: "night", c1: "credit = 3,");
        var plan = TopologyDiff.Plan(running, desired);
        Assert.Contains(plan.Changes, c => c is { Kind: PartKinds.Camera, Id: "cam1", Action: ChangeAction.Changed, Why: "placement" });
        Assert.Contains(plan.Changes, c => c is { Kind: PartKinds.Client, Id: "c1", Action: ChangeAction.Changed, Why: "credit" });
        Assert.True(PlacedInBoth.Of(running, desired, PartKinds.Camera, "cam1"));
        Assert.True(PlacedInBoth.Of(running, desired, PartKinds.Client, "c1"));
        Assert.Equal("url", TopologyDiff.Plan(running, Parse(cam1Url: "size=176x144")).Changes.Single().Why);
    }

    [Fact]
    public void A_placed_master_whose_role_or_batch_changed_is_a_change_the_node_leaves_to_the_placement()
    {
        static string Master(string role, int batch) =>
            $"masters {{ m {{\n placement {{ role = {role} }}\n batch {{ max-size = {batch} }}\n analyzer {{ type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\" }} }} }}";
        var running = Parse(masters: Master("edge", 4));
        Assert.Equal("placement", TopologyDiff.Plan(running, Parse(masters: Master("night", 4))).Changes.Single().Why);
        Assert.Equal("max-batch-size", TopologyDiff.Plan(running, Parse(masters: Master("edge", 2))).Changes.Single().Why);
        Assert.True(PlacedInBoth.Of(running, Parse(masters: Master("night", 4)), PartKinds.Master, "m"));
        Assert.False(PlacedInBoth.Of(running, Parse(), PartKinds.Master, "m"));
    }

    [Fact]
    public void A_camera_that_becomes_pinned_is_the_node_change_s_to_stop()
    {
        var running = Parse();
        var desired = Parse(cam2: "node = a", c2: "node = a");
        Assert.False(PlacedInBoth.Of(running, desired, PartKinds.Camera, "cam2"));
        Assert.False(PlacedInBoth.Of(running, desired, PartKinds.Client, "c2"));
        Assert.Contains(TopologyDiff.Plan(running, desired).Changes, c => c is { Id: "cam2", Action: ChangeAction.Changed, Why: "node, placement" });
    }

    [Fact]
    public void A_camera_taken_from_a_member_that_is_up_moves_through_no_node_and_one_of_a_lost_member_at_once()
    {
        var members = new[] { new PlacementMember("a", ["edge"]), new PlacementMember("b", ["edge", "night"]) };
        var current = new Dictionary<string, string> { ["cam1"] = "a", ["cam2"] = "gone", ["cam3"] = "b" };
        var plan = new Dictionary<string, string> { ["cam1"] = "b", ["cam2"] = "b", ["cam3"] = "b" };
        var moving = new Dictionary<string, string>();

        PlacementMoves.ThroughMoving(plan, current, members, moving);

        Assert.Equal(PlacementData.Moving, plan["cam1"]);
        Assert.Equal(new Dictionary<string, string> { ["cam1"] = "b" }, moving);
        Assert.Equal(("b", "b"), (plan["cam2"], plan["cam3"]));
    }

    [Fact]
    public void A_move_is_counted_when_a_camera_gets_another_node_than_its_last_not_at_its_first_placement_nor_while_it_moves()
    {
        var last = new Dictionary<string, string>();
        Assert.Empty(PlacementMoves.Counted([new("cam1", "a")], last));
        Assert.Empty(PlacementMoves.Counted([new("cam1", PlacementData.Moving)], last));
        Assert.Equal(["cam1"], PlacementMoves.Counted([new("cam1", "b")], last));
        Assert.Empty(PlacementMoves.Counted([new("cam1", "b")], last));
    }

    [Fact]
    public void A_board_drops_a_placed_camera_and_client_its_node_no_longer_runs_and_keeps_pinned_ones()
    {
        var board = new StatsBoard();
        var cam1 = new CameraRow("cam1", "streaming", null, 10, 0, 5) { Placement = PlacementStatus.Placed, Host = "10.0.0.1" };
        var cam9 = new CameraRow("cam9", "streaming", null, 10, 0, 5);
        var c1 = new ClientRow("c1", 10, 0, 0, 0, 5) { Placement = PlacementStatus.WithCamera };
        board.Update(new NodeReport("a", 1, [cam1, cam9], [c1], []) { PlacedHere = ["cam1", "c1"] }, 1, DateTimeOffset.UtcNow);
        // A late answer leaves a row out; the part still runs there.
        board.Update(new NodeReport("a", 2, [cam9], [], []) { PlacedHere = ["cam1", "c1"] }, 1, DateTimeOffset.UtcNow);
        Assert.Equal(["cam1", "cam9"], board.Snapshot(TimeSpan.FromSeconds(10)).Cameras.Keys.Order());

        board.Update(new NodeReport("a", 3, [cam9], [], []), 1, DateTimeOffset.UtcNow);

        var snapshot = board.Snapshot(TimeSpan.FromSeconds(10));
        Assert.Equal(["cam9"], snapshot.Cameras.Keys);
        Assert.Empty(snapshot.Clients);
    }
}
