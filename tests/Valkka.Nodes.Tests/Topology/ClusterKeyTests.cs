using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>Node roles, cluster.seed-nodes and the placement keys: read, defaults, and their errors.</summary>
public class ClusterKeyTests
{
    private const string Analyzer = "analyzer { type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\" }";

    private static string Placed(string extra = "", string nodeRoles = "roles = [edge]") => $$"""
        valkka {
          nodes {
            a { host = "10.0.0.1", port = 25540, {{nodeRoles}} }
            b { host = "10.0.0.2", port = 25540, roles = [edge, gpu] }
            c { host = "10.0.0.2", port = 25541 }
          }
          insecure = on
          cameras { cam1 { url = "synthetic://testsrc2?size=320x180&fps=10", placement { role = edge } } }
          clients { c1 { placement = with-camera, cameras = [cam1], {{Analyzer}} } }
          {{extra}}
        }
        """;

    private static TopologyParseResult Parse(string hocon) => TopologyParser.Parse(hocon, "t");

    [Fact]
    public void Roles_and_placement_are_read_and_seed_nodes_default_to_the_first_node_of_each_host()
    {
        var result = Parse(Placed());
        Assert.Empty(result.Errors);
        var t = result.Topology!;
        Assert.Equal(["edge", "gpu"], t.Node("b").Roles);
        Assert.Empty(t.Node("c").Roles);
        Assert.Equal("edge", t.Camera("cam1").Placement!.Role);
        Assert.Equal("", t.Camera("cam1").Node);
        Assert.True(t.Clients[0].WithCamera);
        Assert.Equal(["a", "b"], ClusterSeeds.Of(t).Select(n => n.Name));
    }

    [Fact]
    public void Seed_nodes_can_be_named_and_reach_the_nodes_config_with_its_roles()
    {
        var t = Parse(Placed("cluster { seed-nodes = [c, a] }")).Topology!;
        Assert.Equal(["c", "a"], ClusterSeeds.Of(t).Select(n => n.Name));
        var config = ClusterConfig.For(t, "b");
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal(["akka.tcp://valkka@10.0.0.2:25541", "akka.tcp://valkka@10.0.0.1:25540"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["edge", "gpu"], config.GetStringList("akka.cluster.roles"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public void On_one_host_the_first_two_nodes_are_seeds()
    {
        var t = Parse(Topologies.Valid()).Topology!;
        Assert.Equal(t.Nodes.Take(2).Select(n => n.Name), ClusterSeeds.Of(t).Select(n => n.Name));
    }

    [Theory]
    [InlineData("cluster { seed-nodes = [nowhere] }", "valkka.cluster.seed-nodes")]
    [InlineData("cluster { seeds = [a] }", "valkka.cluster.seeds")]
    public void Bad_cluster_keys_are_errors(string extra, string path) =>
        Assert.Contains(Parse(Placed(extra)).Errors, e => e.Path == path);

    [Fact]
    public void A_placement_role_no_node_has_is_an_error() =>
        Assert.Contains(Parse(Placed(nodeRoles: "roles = [x]").Replace("roles = [edge, gpu]", "roles = [gpu]")).Errors,
            e => e.Path == "valkka.cameras.cam1.placement.role");

    [Fact]
    public void A_client_pinned_to_a_node_may_read_a_placed_camera_and_forward_it_to_a_master()
    {
        Assert.Empty(Parse(Placed().Replace("placement = with-camera", "node = c")).Errors);
        var master = $"masters {{ m {{ node = c, {Analyzer.Replace("FrameStatisticsAnalyzer", "HeavyBatchAnalyzer")} }} }}";
        Assert.Empty(Parse(Placed(master).Replace("placement = with-camera", "node = c, master = m")).Errors);
    }

    [Fact]
    public void A_client_placed_with_its_camera_may_forward_to_a_master() =>
        Assert.Empty(Parse(Placed($"masters {{ m {{ node = c, {Analyzer.Replace("FrameStatisticsAnalyzer", "HeavyBatchAnalyzer")} }} }}")
            .Replace("placement = with-camera", "placement = with-camera, master = m")).Errors);

    [Fact]
    public void A_master_is_placed_by_role_and_its_clients_keep_their_master()
    {
        const string batch = "analyzer { type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\" }";
        var result = Parse(Placed($"masters {{ m {{ placement {{ role = gpu }} \n {batch} }} }}").Replace("placement = with-camera", "placement = with-camera, master = m"));
        Assert.Empty(result.Errors);
        var master = result.Topology!.Master("m");
        Assert.Equal(("gpu", ""), (master.Placement!.Role, master.Node));
        Assert.True(result.Topology.PlacesParts);
        Assert.Contains(Parse(Placed($"masters {{ m {{ placement {{ role = nowhere }} \n {batch} }} }}")).Errors, e => e.Path == "valkka.masters.m.placement.role");
        Assert.Contains(Parse(Placed($"masters {{ m {{ node = c, placement {{ role = gpu }} \n {batch} }} }}")).Errors, e => e.Path == "valkka.masters.m.placement");
    }

    [Fact]
    public void Node_and_placement_exclude_each_other() =>
        Assert.Contains(Parse(Placed().Replace("placement { role = edge }", "node = a, placement { role = edge }")).Errors,
            e => e.Path == "valkka.cameras.cam1.placement");
}
