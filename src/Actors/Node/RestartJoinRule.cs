using Valkka.Actors.Topology;

namespace Valkka.Actors.Node;

/// <summary>
/// When a restarted node may start a cluster itself (docs/multi-host.md, "One cluster"): only the first seed, and
/// only when every other node of the topology answered, in one round, that it is in no cluster. Members are nodes of
/// the topology, so then no member is alive anywhere and a cluster it starts cannot be a second one. A node that does
/// not answer (cut off, or not running) may be a member: the restarted node waits for it, however long.
/// </summary>
public static class RestartJoinRule
{
    /// <param name="answers">Each node that answered this round: true when it is a member of a cluster.</param>
    public static bool MayStartCluster(TopologyDefinition topology, string self, IReadOnlyDictionary<string, bool> answers) =>
        ClusterSeeds.Starter(topology) == self
        && ClusterSeeds.RestartContacts(topology, self).All(n => answers.TryGetValue(n.Name, out var member) && !member);
}
