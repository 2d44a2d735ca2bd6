using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Valkka.Nodes.Node;

/// <summary>
/// Logs the cluster's membership as this node sees it: each member up, unreachable, reachable again or
/// removed, with the number of members up, so that a node's log says when it joined, what it lost and why
/// parts moved (a silent membership change would be a bug to hunt for).
/// </summary>
public sealed class ClusterMembershipLog : ReceiveActor
{
    /// <summary>The start of each line with the count of members up (tests wait for it).</summary>
    public const string UpPrefix = "cluster: members up ";

    private readonly HashSet<Address> _up = [];

    public ClusterMembershipLog()
    {
        var log = Context.GetLogger();
        Receive<ClusterEvent.MemberUp>(e =>
        {
            _up.Add(e.Member.Address);
            log.Info("{0}{1}: {2} is up (roles [{3}])", UpPrefix, _up.Count, e.Member.Address, string.Join(", ", e.Member.Roles));
        });
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            _up.Remove(e.Member.Address);
            log.Warning("{0}{1}: {2} was removed (it was {3})", UpPrefix, _up.Count, e.Member.Address, e.PreviousStatus);
        });
        Receive<ClusterEvent.UnreachableMember>(e => log.Warning("cluster: {0} is unreachable", e.Member.Address));
        Receive<ClusterEvent.ReachableMember>(e => log.Info("cluster: {0} is reachable again", e.Member.Address));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMembershipLog());

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
