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
}
