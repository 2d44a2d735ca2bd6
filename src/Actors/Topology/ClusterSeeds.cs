namespace Valkka.Actors.Topology;

/// <summary>
/// The seed nodes of a topology's cluster: those of key cluster.seed-nodes, else the first node of each
/// host in topology order; on one host the first two nodes, so that the first seed, when it restarts,
/// finds the running cluster through the second instead of starting a cluster of its own.
/// </summary>
public static class ClusterSeeds
{
    public static IReadOnlyList<NodeDefinition> Of(TopologyDefinition topology)
    {
        if (topology.Cluster is { SeedNodes.Count: > 0 } cluster)
            return cluster.SeedNodes.Select(topology.Node).ToList();
        var firsts = topology.Nodes.Where((n, i) => !topology.Nodes.Take(i).Any(earlier => CameraRoutes.SameHost(earlier, n))).ToList();
        return firsts.Count > 1 ? firsts : topology.Nodes.Take(2).ToList();
    }

    /// <summary>
    /// The nodes a restarted incarnation of self joins through: every other node of the topology, the seeds
    /// first (in seed order), then the rest in topology order. Self is never among them, so Akka never makes
    /// it a first seed that may join itself; any member among them lets it in.
    /// </summary>
    public static IReadOnlyList<NodeDefinition> RestartContacts(TopologyDefinition topology, string self) =>
        Of(topology).Concat(topology.Nodes).DistinctBy(n => n.Name).Where(n => n.Name != self).ToList();

    /// <summary>The node that starts the cluster when every node is a restart and none is in a cluster: the first seed.</summary>
    public static string Starter(TopologyDefinition topology) => Of(topology)[0].Name;
}
