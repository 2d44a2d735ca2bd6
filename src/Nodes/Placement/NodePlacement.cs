using Akka;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Event;
using Valkka.Actors.Topology;
using Valkka.Nodes.Node;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Placement;

/// <summary>
/// The cluster's placement in one node process: the manager of the <see cref="PlacementDecider"/> singleton (every
/// node may host it; the oldest member does), the node's <see cref="PlacedParts"/> and its <see cref="PlacedRelays"/>
/// (pinned readers of placed cameras). It starts once the topology
/// places a camera or a master, at start or with the first live change that brings one; both read the node's current
/// topology, the desired state the live changes bring to every node, and each change tells both.
/// </summary>
internal sealed class NodePlacement(ActorSystem system, string node, NodeParts parts, PartsGate gate, Func<TopologyDefinition> topology)
{
    // Within the phase's own timeout (Akka's default, 5 s).
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(4.5);

    private IActorRef? _placedParts;
    private IActorRef? _placedRelays;
    private IReadOnlyDictionary<string, long> _moves = new Dictionary<string, long>();
    private IReadOnlyList<PlacedCameraRow> _map = [];

    public bool Started => _placedParts is not null;

    /// <summary>How often the placement moved each camera (this node's replica); the last answer when the replica is slow.</summary>
    public async Task<IReadOnlyDictionary<string, long>?> MovesAsync(TimeSpan timeout)
    {
        if (_placedParts is null) return null;
        return _moves = await PlacementStatus.MovesAsync(system, timeout).ConfigureAwait(false) ?? _moves;
    }

    /// <summary>Where the cluster places every placed camera (this node's replica); the last answer when the replica is slow; null before the placement started.</summary>
    public async Task<IReadOnlyList<PlacedCameraRow>?> MapAsync(TimeSpan timeout)
    {
        if (_placedParts is null) return null;
        return _map = await PlacementStatus.MapAsync(system, topology(), timeout).ConfigureAwait(false) ?? _map;
    }

    /// <summary>Starts the placement when applied places a camera and it has not started yet, else tells the placed parts the topology changed.</summary>
    public void Follow(TopologyDefinition applied)
    {
        if (_placedParts is not null)
        {
            _placedParts.Tell(PlacedParts.TopologyApplied.Instance);
            // A change may add or remove pinned readers of placed cameras here (or masters of them): the relays this node owes.
            _placedRelays?.Tell(PlacedParts.TopologyApplied.Instance);
            return;
        }
        if (!applied.PlacesParts) return;
        system.ActorOf(ClusterSingletonManager.Props(PlacementDecider.Props(topology), PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRemovalMargin(PlacementDecider.SingletonRemovalMargin)), ActorPaths.PlacementName);
        var placedParts = _placedParts = system.ActorOf(PlacedParts.Props(node, parts, topology, gate), ActorPaths.PlacedPartsName);
        // A node that stops leaves the cluster after this phase, and the others then place its cameras at once.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "stop-placed-parts", async () =>
        {
            try { await placedParts.Ask<PlacedParts.Left>(PlacedParts.Leave.Instance, LeaveTimeout).ConfigureAwait(false); }
            catch (AskTimeoutException)
            {
                system.Log.Warning("placement: node {0} leaves the cluster with placed parts not stopped within {1} s", node, LeaveTimeout.TotalSeconds);
            }
            return Done.Instance;
        });
        system.ActorOf(MinorityFence.Props(_placedParts), ActorPaths.MinorityFenceName);
        _placedRelays = system.ActorOf(PlacedRelays.Props(node, parts, topology), ActorPaths.PlacedRelaysName);
    }
}
