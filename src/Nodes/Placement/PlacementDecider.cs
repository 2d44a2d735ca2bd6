using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Placement;

/// <summary>
/// The cluster singleton that places cameras with key placement: on start it reads the placement kept in
/// Distributed Data (a majority's view), then on every change of the members that are up (and once a second) it
/// plans (<see cref="PlacementPlanner"/>) and writes what changed. A cluster that places for the first time waits
/// until every node of a placed role is up (at most <see cref="FirstPlacementWait"/>), so that the first member up
/// does not get every camera. To even out load it moves one camera at a time, at most one per <see cref="MoveInterval"/>:
/// first to no node (<see cref="PlacementData.Moving"/>), and to its new node once its old node says it stopped it
/// (<see cref="PlacementData.RunningKey"/>). A member that is only unreachable keeps its cameras: they move once the
/// split-brain resolver has downed it (after <see cref="FailoverMargin"/>, none), and a minority side has stopped them
/// itself before that (<see cref="MinorityFence"/>), so that no camera has two owners.
/// The cameras and their roles come from the node's current topology, the desired state that live changes bring to
/// every node: a camera added is placed, one removed leaves the placement, one whose role changed moves
/// (<see cref="PlacementMoves"/>). Each move is counted in <see cref="PlacementData.MovesKey"/>.
/// </summary>
internal sealed class PlacementDecider : ReceiveActor, IWithTimers
{
    private sealed record Tick;

    public static readonly TimeSpan FirstPlacementWait = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MoveInterval = TimeSpan.FromSeconds(5);
    /// <summary>
    /// How long a node that left (downed) keeps its cameras before they are placed elsewhere. None: a node on the minority side of
    /// a partition has stopped them itself before the majority can down it (<see cref="MinorityFence"/>), and a node that is
    /// gone runs nothing.
    /// </summary>
    public static readonly TimeSpan FailoverMargin = TimeSpan.Zero;

    /// <summary>
    /// How long after the singleton's node was removed the next oldest starts the decider. Akka's default (stable-after) keeps
    /// a singleton whose old instance might still run on a minority from running twice; this one needs no such wait: on a
    /// minority the old decider sees every member still up (unreachable members are not removed there) and changes nothing,
    /// and the new one reads the placement from a majority and holds a lost node's cameras for <see cref="FailoverMargin"/>
    /// from its own start. Zero means Akka's default, so the least positive value.
    /// </summary>
    public static readonly TimeSpan SingletonRemovalMargin = TimeSpan.FromMilliseconds(1);

    private readonly Func<TopologyDefinition> _topology;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IReadOnlyDictionary<string, string> _current = new Dictionary<string, string>();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private DateTime _lastMove = DateTime.MinValue;
    private IReadOnlyDictionary<string, string> _running = new Dictionary<string, string>();
    private readonly Dictionary<string, string> _moving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _goneSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastNode = new(StringComparer.Ordinal);

    public PlacementDecider(Func<TopologyDefinition> topology)
    {
        _topology = topology;
        Receive<GetSuccess>(g => Start(g.Get(PlacementData.Key).Entries));
        Receive<NotFound>(_ => Start(new Dictionary<string, string>()));
        Receive<GetFailure>(_ => _replicator.Tell(Dsl.Get(PlacementData.Key, ReadLocal.Instance)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Func<TopologyDefinition> topology) => Akka.Actor.Props.Create(() => new PlacementDecider(topology));

    protected override void PreStart() =>
        _replicator.Tell(Dsl.Get(PlacementData.Key, new ReadMajority(PlacementData.WriteTimeout)));

    private void Start(IReadOnlyDictionary<string, string> current)
    {
        _current = current;
        // A move the previous decider began: it ends once no member runs the camera.
        foreach (var (camera, _) in current.Where(p => p.Value == PlacementData.Moving)) _moving[camera] = PlacementData.Moving;
        foreach (var (camera, node) in current.Where(p => p.Value != PlacementData.Moving)) _lastNode[camera] = node;
        _log.Info("placement: deciding for {0} placed cameras and masters; {1} placed so far", Cameras(_topology()).Count, current.Count);
        _replicator.Tell(Dsl.Subscribe(PlacementData.Key, Self));
        _replicator.Tell(Dsl.Subscribe(PlacementData.RunningKey, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(1));
        Become(Deciding);
        Decide();
    }

    private void Deciding()
    {
        Receive<Changed>(c =>
        {
            if (c.Key.Equals(PlacementData.Key)) _current = c.Get(PlacementData.Key).Entries;
            else _running = c.Get(PlacementData.RunningKey).Entries;
        });
        Receive<ClusterEvent.CurrentClusterState>(_ => Decide());
        Receive<ClusterEvent.IMemberEvent>(_ => Decide());
        Receive<Tick>(_ => Decide());
        Receive<UpdateSuccess>(_ => { });
        Receive<UpdateTimeout>(_ => _log.Warning("placement: a majority did not confirm the placement within {0}; it spreads by gossip", PlacementData.WriteTimeout));
    }

    private void Decide()
    {
        var topology = _topology();
        var members = Members(topology);
        var cameras = Cameras(topology);
        var ids = cameras.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in _moving.Keys.Where(k => !ids.Contains(k)).ToList()) _moving.Remove(removed);
        if (_current.Count == 0 && DateTime.UtcNow - _startedAt < FirstPlacementWait
            && topology.Nodes.Any(n => n.Roles.Intersect(cameras.Select(c => c.Role)).Any() && members.All(m => m.Name != n.Name)))
            return;
        var now = DateTime.UtcNow;
        foreach (var node in _current.Values.Where(n => n != PlacementData.Moving && members.All(m => m.Name != n))) _goneSince.TryAdd(node, now);
        foreach (var member in members) _goneSince.Remove(member.Name);
        // Held back from planning: cameras being moved, and those of a node gone less than the margin ago.
        var held = _current.Where(p => ids.Contains(p.Key)).Where(p => _moving.ContainsKey(p.Key)
                                       || (_goneSince.TryGetValue(p.Value, out var since) && now - since < FailoverMargin)).ToDictionary(p => p.Key, p => p.Value);
        var plan = PlacementPlanner.Plan(cameras.Where(c => !held.ContainsKey(c.Id)).ToList(), members, _current);
        foreach (var (camera, node) in held) plan[camera] = node;
        foreach (var (camera, target) in _moving.ToList())
        {
            // The old node stopped it (or is gone): it may start on its new node.
            if (_running.TryGetValue(camera, out var at) && members.Any(m => m.Name == at)) continue;
            _moving.Remove(camera);
            plan[camera] = members.Any(m => m.Name == target) ? target : PlacementPlanner.Plan([.. cameras.Where(c => c.Id == camera)], members, plan)
                .GetValueOrDefault(camera, PlacementData.Moving);
        }
        PlacementMoves.ThroughMoving(plan, _current, members, _moving);
        if (held.Count == 0 && _moving.Count == 0 && now - _lastMove >= MoveInterval
            && plan.Count == _current.Count && plan.All(p => _current.TryGetValue(p.Key, out var n) && n == p.Value)
            && PlacementPlanner.Rebalance(cameras, members, plan) is { } move)
        {
            _log.Info("placement: moving {0} from node {1} to node {2} to even out their load", PlacedPartKeys.Describe(move.Camera), move.From, move.To);
            _moving[move.Camera] = move.To;
            plan[move.Camera] = PlacementData.Moving;
            _lastMove = now;
        }
        var changed = plan.Where(p => !_current.TryGetValue(p.Key, out var n) || n != p.Value).ToList();
        var dropped = _current.Keys.Where(k => !plan.ContainsKey(k)).ToList();
        if (changed.Count == 0 && dropped.Count == 0) return;
        foreach (var (camera, node) in changed)
            _log.Info("placement: {0} -> {1}{2}", PlacedPartKeys.Describe(camera), node == PlacementData.Moving ? "no node while it moves" : "node " + node,
                _current.TryGetValue(camera, out var was) && was != PlacementData.Moving ? $" (was on {was})" : "");
        foreach (var camera in dropped.Where(ids.Contains)) _log.Warning("placement: {0} has no member of its role up; it runs nowhere", PlacedPartKeys.Describe(camera));
        foreach (var camera in dropped.Where(c => !ids.Contains(c))) _log.Info("placement: {0} is no longer placed (removed, or pinned); it stops where it runs", PlacedPartKeys.Describe(camera));
        var moved = PlacementMoves.Counted(changed, _lastNode);
        foreach (var camera in dropped.Where(c => !ids.Contains(c))) _lastNode.Remove(camera);
        var self = _cluster.SelfUniqueAddress;
        _replicator.Tell(Dsl.Update(PlacementData.Key, LWWDictionary<string, string>.Empty, new WriteMajority(PlacementData.WriteTimeout), d =>
        {
            foreach (var (camera, node) in changed) d = d.SetItem(self, camera, node);
            foreach (var camera in dropped) d = d.Remove(self, camera);
            return d;
        }));
        if (moved.Count > 0)
            _replicator.Tell(Dsl.Update(PlacementData.MovesKey, PNCounterDictionary<string>.Empty, new WriteMajority(PlacementData.WriteTimeout), d =>
            {
                foreach (var camera in moved) d = d.Increment(self, camera, 1);
                return d;
            }));
        _current = plan;
    }

    // The parts the cluster places, as the planner sees them: the cameras, and the masters under their keys.
    private static List<PlacedCamera> Cameras(TopologyDefinition topology) =>
        topology.Cameras.Where(c => c.Placement is not null).Select(c => new PlacedCamera(c.Id, c.Placement!.Role, CameraWeight.Of(c)))
            .Concat(topology.Masters.Where(m => m.Placement is not null)
                .Select(m => new PlacedCamera(PlacedPartKeys.Master(m.Id), m.Placement!.Role, MasterWeight.Of(topology, m.Id))))
            .ToList();

    // The members that are up, by their node names in the topology (host and port).
    private List<PlacementMember> Members(TopologyDefinition topology) =>
        _cluster.State.Members.Where(m => m.Status == MemberStatus.Up)
            .Select(m => (Member: m, Node: topology.Nodes.FirstOrDefault(n => n.Host == m.Address.Host && n.Port == m.Address.Port)))
            .Where(p => p.Node is not null)
            .Select(p => new PlacementMember(p.Node!.Name, p.Member.Roles.ToList())).ToList();

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
