using System.Globalization;
using Akka.Configuration;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Node;

/// <summary>
/// What makes a node of the valkka program a member of its topology's Akka cluster (on top of
/// <see cref="NodeConfig.Create"/>): provider cluster over the same remoting (and TLS), the seed nodes
/// and this node's roles from the topology, and the split-brain resolver.
/// </summary>
/// <remarks>
/// Timing (docs/multi-host.md, "One cluster"): a member is unreachable 2.6-3.3 s after it went silent (a heartbeat every
/// 0.5 s, 2 s acceptable pause, phi 8, the reaper every 0.25 s), and the resolver downs it once the unreachable set stayed
/// the same for <see cref="StableAfter"/> (at its next 1 s tick); removal follows at the leader's next action (0.25 s). A
/// lost host's cameras run elsewhere about 8-9 s after it went silent. A cut is downed only when the member stays
/// unreachable for stable-after, from its detection until heartbeats are back after the link, on a connection that
/// remoting dialed anew (NodeConfig's transport failure detector): members of a 5 s cut were unreachable 0.5-3.4 s beside
/// three CPU hogs (load 22-26). Unreachable alone stops nothing: watches
/// of members' actors fire only when the member is removed (no quarantine after a blip, unlike remote death watch), and the
/// data paths (relays, credit) have their own timeouts.
/// </remarks>
public static class ClusterConfig
{
    /// <summary>How long membership must be stable before the resolver decides.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(4.5);

    /// <summary>The cluster's failure detector: a heartbeat every 0.5 s, a member unreachable after 2 s of pause.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(0.5);

    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(2);

    /// <summary>How often a node turns what its failure detector says into unreachable / reachable again.</summary>
    public static readonly TimeSpan ReaperInterval = TimeSpan.FromSeconds(0.25);

    /// <summary>About how long after a member went silent the resolver downs it (the others' view).</summary>
    public static TimeSpan DowningAfter => HeartbeatInterval + AcceptableHeartbeatPause + StableAfter;

    /// <summary>The cluster part of node's config in topology.</summary>
    /// <param name="restarted">
    /// This process is a restart of node (its supervisor started it again): it joins through every other node and
    /// never as Akka's first seed, which joins itself when no other seed answers within seed-node-timeout (a second
    /// cluster, when it is only cut off from them). <see cref="RestartJoinRule"/> says when it may start the cluster.
    /// </param>
    public static Config For(TopologyDefinition topology, string node, bool restarted = false)
    {
        var self = topology.Node(node);
        var seeds = (restarted ? ClusterSeeds.RestartContacts(topology, node) : ClusterSeeds.Of(topology)).Select(s => Quote(s.Address));
        var roles = self.Roles.Select(Quote);
        return ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.cluster {
              seed-nodes = [{{string.Join(", ", seeds)}}]
              roles = [{{string.Join(", ", roles)}}]
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                # The side with more members stays; at equal sizes the side with the lowest address.
                active-strategy = keep-majority
                stable-after = {{Seconds(StableAfter)}}
                # Akka downs every member when reachability keeps changing for stable-after plus this. On a
                # loaded machine heartbeats flap for seconds after a link comes back, and downing all would
                # turn a blip into a restart of everything. Off: while it flaps nothing is decided, so nothing
                # is moved either (parts move only after a downing), and there is never a second owner.
                down-all-when-unstable = off
              }
              failure-detector {
                heartbeat-interval = {{Seconds(HeartbeatInterval)}}
                acceptable-heartbeat-pause = {{Seconds(AcceptableHeartbeatPause)}}
                threshold = 8.0
              }
              unreachable-nodes-reaper-interval = {{Seconds(ReaperInterval)}}
              # Reachability records reach the resolver's leader by gossip, and the leader removes a downed member at
              # its next maintenance: both every second by default, each second added to a failover.
              gossip-interval = 500ms
              leader-actions-interval = 250ms
              # The placement (Distributed Data) tells its subscribers of a change this soon after it arrived.
              distributed-data.notify-subscribers-interval = 100ms
              # A downed node ends its ActorSystem; its process exits with a failure and its supervisor
              # starts a new incarnation, which joins again through the seed nodes.
              run-coordinated-shutdown-when-down = on
              log-info-verbose = off
            }
            """);
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "") + "\"";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
