using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Cli;

namespace Valkka.Nodes.Tests.Cli;

/// <summary>What `valkka apply` waits for on a cluster: every placed camera and master running on a node of its role, no other one placed.</summary>
public sealed class PlacementProgressTests
{
    private static TopologyDefinition Topology(string masters = "")
    {
        var parsed = TopologyParser.Parse($$"""
            valkka {
              insecure = on
              nodes {
                e1 { host = "10.0.0.1", port = 25540, roles = [edge] }
                e2 { host = "10.0.0.2", port = 25540, roles = [edge, night] }
                pin { host = "10.0.0.1", port = 25541 }
              }
              cameras {
                cam1 { url = "synthetic://testsrc2?size=160x120&fps=5", placement { role = edge } }
                cam2 { url = "synthetic://testsrc2?size=160x120&fps=5", placement { role = night } }
                cam3 { url = "synthetic://testsrc2?size=160x120&fps=5", node = pin }
              }
              {{masters}}
            }
            """, "unit");
        Assert.True(parsed.Topology is not null, string.Join("\n", parsed.Errors));
        return parsed.Topology;
    }

    private static JsonObject Status(params (string Camera, string Node, string? RunningOn)[] rows)
    {
        var placement = new JsonObject();
        foreach (var (camera, node, on) in rows) placement[camera] = new JsonObject { ["node"] = node, ["host"] = "", ["runningOn"] = on };
        return new JsonObject { ["placement"] = placement };
    }

    [Fact]
    public void Every_placed_camera_running_on_a_node_of_its_role_is_carried_out()
    {
        Assert.Empty(PlacementProgress.Pending(Topology(), Status(("cam1", "e1", "e1"), ("cam2", "e2", "e2"))));
    }

    [Fact]
    public void What_is_not_carried_out_is_named_camera_by_camera()
    {
        Assert.Equal(
            ["camera cam1: placed on e1, not running there yet", "camera cam2: on e1, not a node of role night", "camera cam9: still placed (on e2)"],
            PlacementProgress.Pending(Topology(), Status(("cam1", "e1", null), ("cam2", "e1", "e1"), ("cam9", "e2", "e2"))));
        Assert.Equal(["camera cam1: not placed yet", "camera cam2: placed on e2, not running there yet"],
            PlacementProgress.Pending(Topology(), Status(("cam1", "", "e2"), ("cam2", "e2", "e1"))));
        Assert.Equal(2, PlacementProgress.Pending(Topology(), []).Count);   // a run that reports no placement yet
    }

    [Fact]
    public void A_placed_master_is_waited_for_under_its_key_as_a_camera_is()
    {
        var topology = Topology("masters { m {\n placement { role = night }\n analyzer { type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\" } } }");
        Assert.Equal(["master m: placed on e2, not running there yet"],
            PlacementProgress.Pending(topology, Status(("cam1", "e1", "e1"), ("cam2", "e2", "e2"), ("master:m", "e2", null))));
        Assert.Equal(["master m: on e1, not a node of role night"],
            PlacementProgress.Pending(topology, Status(("cam1", "e1", "e1"), ("cam2", "e2", "e2"), ("master:m", "e1", "e1"))));
        Assert.Empty(PlacementProgress.Pending(topology, Status(("cam1", "e1", "e1"), ("cam2", "e2", "e2"), ("master:m", "e2", "e2"))));
        Assert.Equal(["master m: still placed (on e2)"], PlacementProgress.Pending(Topology(), Status(("cam1", "e1", "e1"), ("cam2", "e2", "e2"), ("master:m", "e2", "e2"))));
    }
}
