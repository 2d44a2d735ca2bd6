using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Valkka.Actors.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Stops this node's placed parts when it has been on the minority side of a partition for <see cref="After"/>, before the
/// majority can place them elsewhere: then no camera has two owners although the majority re-places a downed node's cameras
/// at once. The majority's split-brain resolver downs this node no sooner than <see cref="ClusterConfig.StableAfter"/> after
/// it saw the node unreachable, and it saw that at most a heartbeat and a reaper interval before this node saw the majority
/// unreachable (both stop hearing each other at the cut; each notices at its next heartbeat and reaper round). So this node
/// stops them that much, and the time to stop them, earlier. The side counted is the resolver's own rule (keep-majority:
/// more members up, or at equal sizes the side with the lowest address). It counts from the first moment in a minority,
/// not from the last change, so flapping reachability does not hold it off. A link that returns sooner gives the parts
/// back (<see cref="PlacedParts"/> starts them again); a downed node ends anyway.
/// </summary>
internal sealed class MinorityFence : ReceiveActor, IWithTimers
{
    private sealed record Check;

    /// <summary>Time allowed to stop the placed parts (cameras and their clients) once fenced.</summary>
    public static readonly TimeSpan StopAllowance = TimeSpan.FromSeconds(0.5);

    public static TimeSpan After => ClusterConfig.StableAfter - ClusterConfig.HeartbeatInterval - ClusterConfig.ReaperInterval - StopAllowance;

    private readonly IActorRef _parts;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private DateTime? _minoritySince;
    private bool _fenced;

    public MinorityFence(IActorRef parts)
    {
        _parts = parts;
        Receive<Check>(_ => Evaluate());
        Receive<ClusterEvent.IClusterDomainEvent>(_ => Evaluate());
        Receive<ClusterEvent.CurrentClusterState>(_ => Evaluate());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef parts) => Akka.Actor.Props.Create(() => new MinorityFence(parts));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("check", new Check(), TimeSpan.FromMilliseconds(100));
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Evaluate()
    {
        var state = _cluster.State;
        var members = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var reachable = members.Where(m => !state.Unreachable.Contains(m)).ToList();
        var minority = members.Count > 0 && (reachable.Count * 2 < members.Count
            || (reachable.Count * 2 == members.Count && !reachable.Contains(members.OrderBy(m => m.Address, Member.AddressOrdering).First())));
        var now = DateTime.UtcNow;
        if (!minority)
        {
            _minoritySince = null;
            if (!_fenced) return;
            _fenced = false;
            _log.Info("placement: this node reaches a majority again; it runs its placed parts again");
            _parts.Tell(new PlacedParts.Fenced(false));
            return;
        }
        _minoritySince ??= now;
        if (_fenced || now - _minoritySince < After) return;
        _fenced = true;
        _log.Warning("placement: this node has been in a minority ({0} of {1} members reachable) for {2:0.0} s: stopping its placed parts " +
                     "before the majority places them elsewhere", reachable.Count, members.Count, (now - _minoritySince.Value).TotalSeconds);
        _parts.Tell(new PlacedParts.Fenced(true));
    }
}
