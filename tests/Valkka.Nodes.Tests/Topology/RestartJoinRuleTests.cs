using Valkka.Actors.Node;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>Whom a restarted node joins through, and when it may start the cluster itself (pure rules; the nodes: SeedRejoinTests).</summary>
public class RestartJoinRuleTests
{
    // Seeds by default: a (first of host 1) and b (first of host 2); c shares b's host.
    private static readonly TopologyDefinition Three = TopologyParser.Parse("""
        valkka {
          insecure = on
          nodes {
            a { host = "10.0.0.1", port = 25540 }
            c { host = "10.0.0.2", port = 25541 }
            b { host = "10.0.0.2", port = 25540 }
          }
        }
        """, "t").Topology!;

    private static readonly TopologyDefinition One = TopologyParser.Parse("""
        valkka { insecure = on, nodes { only { host = "127.0.0.1", port = 25540 } } }
        """, "t").Topology!;

    [Fact]
    public void A_restarted_node_joins_through_every_other_node_seeds_first_and_never_lists_itself()
    {
        Assert.Equal(["a", "c"], ClusterSeeds.Of(Three).Select(n => n.Name));
        Assert.Equal(["c", "b"], ClusterSeeds.RestartContacts(Three, "a").Select(n => n.Name));
        Assert.Equal(["a", "c"], ClusterSeeds.RestartContacts(Three, "b").Select(n => n.Name));
        Assert.Equal(["akka.tcp://valkka@10.0.0.2:25541", "akka.tcp://valkka@10.0.0.2:25540"],
            ClusterConfig.For(Three, "a", restarted: true).GetStringList("akka.cluster.seed-nodes"));
        // A fresh start keeps the seeds, the first seed first: it may start the cluster.
        Assert.Equal(["akka.tcp://valkka@10.0.0.1:25540", "akka.tcp://valkka@10.0.0.2:25541"],
            ClusterConfig.For(Three, "a").GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void Only_the_first_seed_starts_and_only_when_every_other_node_answered_that_it_is_in_no_cluster()
    {
        Assert.True(RestartJoinRule.MayStartCluster(Three, "a", Answers(("b", false), ("c", false))));
        Assert.False(RestartJoinRule.MayStartCluster(Three, "a", Answers(("b", false))));               // c silent: it may be a member
        Assert.False(RestartJoinRule.MayStartCluster(Three, "a", Answers(("b", false), ("c", true))));  // a cluster exists: Akka joins it
        Assert.False(RestartJoinRule.MayStartCluster(Three, "c", Answers(("a", false), ("b", false)))); // not the first seed
    }

    [Fact]
    public void A_node_alone_in_its_topology_starts_its_cluster_after_a_restart()
    {
        Assert.Empty(ClusterSeeds.RestartContacts(One, "only"));
        Assert.True(RestartJoinRule.MayStartCluster(One, "only", Answers()));
    }

    private static Dictionary<string, bool> Answers(params (string Node, bool Member)[] answers) =>
        answers.ToDictionary(a => a.Node, a => a.Member);
}
