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
/// does not get every camera. To even out load it moves one camera at a time, at most one per <see cref="MoveInterval"/>. A member that is only unreachable keeps its
/// cameras: they move once the split-brain resolver has downed it, and the downed side has stopped them itself.
/// </summary>
internal sealed class PlacementDecider : ReceiveActor, IWithTimers
{
    private sealed record Tick;

    public static readonly TimeSpan FirstPlacementWait = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MoveInterval = TimeSpan.FromSeconds(5);

    private readonly TopologyDefinition _topology;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IReadOnlyDictionary<string, string> _current = new Dictionary<string, string>();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private DateTime _lastMove = DateTime.MinValue;

    public PlacementDecider(TopologyDefinition topology)
    {
        _topology = topology;
        Receive<GetSuccess>(g => Start(g.Get(PlacementData.Key).Entries));
        Receive<NotFound>(_ => Start(new Dictionary<string, string>()));
        Receive<GetFailure>(_ => _replicator.Tell(Dsl.Get(PlacementData.Key, ReadLocal.Instance)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TopologyDefinition topology) => Akka.Actor.Props.Create(() => new PlacementDecider(topology));

    protected override void PreStart() =>
        _replicator.Tell(Dsl.Get(PlacementData.Key, new ReadMajority(PlacementData.WriteTimeout)));

    private void Start(IReadOnlyDictionary<string, string> current)
    {
        _current = current;
        _log.Info("placement: deciding for {0} placed cameras; {1} placed so far", Cameras().Count, current.Count);
        _replicator.Tell(Dsl.Subscribe(PlacementData.Key, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(1));
        Become(Deciding);
        Decide();
    }

    private void Deciding()
    {
        Receive<Changed>(c => _current = c.Get(PlacementData.Key).Entries);
        Receive<ClusterEvent.CurrentClusterState>(_ => Decide());
        Receive<ClusterEvent.IMemberEvent>(_ => Decide());
        Receive<Tick>(_ => Decide());
        Receive<UpdateSuccess>(_ => { });
        Receive<UpdateTimeout>(_ => _log.Warning("placement: a majority did not confirm the placement within {0}; it spreads by gossip", PlacementData.WriteTimeout));
    }

    private void Decide()
    {
        var members = Members();
        var cameras = Cameras();
        if (_current.Count == 0 && DateTime.UtcNow - _startedAt < FirstPlacementWait
            && _topology.Nodes.Any(n => n.Roles.Intersect(cameras.Select(c => c.Role)).Any() && members.All(m => m.Name != n.Name)))
            return;
        var plan = PlacementPlanner.Plan(cameras, members, _current);
        if (plan.Count == _current.Count && plan.All(p => _current.TryGetValue(p.Key, out var n) && n == p.Value)
            && DateTime.UtcNow - _lastMove >= MoveInterval && PlacementPlanner.Rebalance(cameras, members, plan) is { } move)
        {
            plan[move.Camera] = move.To;
            _lastMove = DateTime.UtcNow;
        }
        var changed = plan.Where(p => !_current.TryGetValue(p.Key, out var n) || n != p.Value).ToList();
        var dropped = _current.Keys.Where(k => !plan.ContainsKey(k)).ToList();
        if (changed.Count == 0 && dropped.Count == 0) return;
        foreach (var (camera, node) in changed)
            _log.Info("placement: camera {0} -> node {1}{2}", camera, node, _current.TryGetValue(camera, out var was) ? $" (was on {was})" : "");
        foreach (var camera in dropped) _log.Warning("placement: camera {0} has no member of its role up; it runs nowhere", camera);
        var self = _cluster.SelfUniqueAddress;
        _replicator.Tell(Dsl.Update(PlacementData.Key, LWWDictionary<string, string>.Empty, new WriteMajority(PlacementData.WriteTimeout), d =>
        {
            foreach (var (camera, node) in changed) d = d.SetItem(self, camera, node);
            foreach (var camera in dropped) d = d.Remove(self, camera);
            return d;
        }));
        _current = plan;
    }

    private List<PlacedCamera> Cameras() =>
        _topology.Cameras.Where(c => c.Placement is not null).Select(c => new PlacedCamera(c.Id, c.Placement!.Role, CameraWeight.Of(c))).ToList();

    // The members that are up, by their node names in the topology (host and port).
    private List<PlacementMember> Members() =>
        _cluster.State.Members.Where(m => m.Status == MemberStatus.Up)
            .Select(m => (Member: m, Node: _topology.Nodes.FirstOrDefault(n => n.Host == m.Address.Host && n.Port == m.Address.Port)))
            .Where(p => p.Node is not null)
            .Select(p => new PlacementMember(p.Node!.Name, p.Member.Roles.ToList())).ToList();

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
