using Akka.Actor;
using Akka.Cluster;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.Node;

/// <summary>
/// Answers a restarted node (<see cref="RestartJoin"/>) whether this node is a member of a cluster: its own entry is in
/// its view of the members, whatever its status (a downed or leaving member still counts: its cluster may live on).
/// </summary>
public sealed class JoinProbe : ReceiveActor
{
    public JoinProbe(string node)
    {
        var cluster = Cluster.Get(Context.System);
        Receive<MembershipAsked>(asked => Sender.Tell(new MembershipAnswer(asked.Round, node, IsMember(cluster)), Self));
    }

    public static Props Props(string node) => Akka.Actor.Props.Create(() => new JoinProbe(node));

    public static bool IsMember(Cluster cluster) => cluster.State.Members.Any(m => m.UniqueAddress.Equals(cluster.SelfUniqueAddress));
}
