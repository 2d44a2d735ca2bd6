using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Node;

/// <summary>
/// A restarted node's part in joining (docs/multi-host.md, "One cluster"). Akka joins it through every other node
/// (<see cref="ClusterSeeds.RestartContacts"/>, as seed nodes without itself: it never joins itself). Once a second this
/// actor asks every other node's <see cref="JoinProbe"/> whether it is in a cluster; when the whole deployment restarted
/// and no node is, the first seed would wait for ever, so it starts the cluster when <see cref="RestartJoinRule"/> allows
/// (every other node answered, in one round, that it is in none). Says every 5 s whom it waits for. Stops once joined.
/// </summary>
public sealed class RestartJoin : ReceiveActor, IWithTimers
{
    /// <summary>The start of the line that says whom a restarted node still waits for (tests read it).</summary>
    public const string WaitingPrefix = "cluster: not a member yet";

    /// <summary>The line of the first seed starting the cluster after every node restarted (tests read it).</summary>
    public const string StartsCluster = "cluster: every other node of the topology answered that it is in no cluster: this node, the first seed, starts the cluster";

    private static readonly TimeSpan RoundEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SayEvery = TimeSpan.FromSeconds(5);

    private sealed record Round
    {
        public static readonly Round Instance = new();
    }

    private readonly string _node;
    private readonly Func<TopologyDefinition> _topology;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private Dictionary<string, bool> _answers = [];
    private DateTime _saidAt = DateTime.UtcNow;
    private int _round;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="topology">The node's current topology (a live change may add or remove nodes).</param>
    public RestartJoin(string node, Func<TopologyDefinition> topology)
    {
        (_node, _topology) = (node, topology);
        Receive<MembershipAnswer>(answer =>
        {
            if (answer.Round == _round) _answers[answer.Node] = answer.Member;
        });
        Receive<Round>(_ => NextRound());
    }

    public static Props Props(string node, Func<TopologyDefinition> topology) =>
        Akka.Actor.Props.Create(() => new RestartJoin(node, topology));

    protected override void PreStart()
    {
        var contacts = ClusterSeeds.RestartContacts(_topology(), _node);
        _log.Info("cluster: a restarted incarnation: joining through the other nodes ({0}) only, never alone while any of them may be in a cluster",
            string.Join(", ", contacts.Select(n => n.Name)));
        Ask();
        Timers.StartPeriodicTimer(Round.Instance, Round.Instance, RoundEvery);
    }

    private void NextRound()
    {
        if (JoinProbe.IsMember(_cluster))
        {
            _log.Info("cluster: the restarted incarnation joined after {0:0.0} s", (DateTime.UtcNow - _startedAt).TotalSeconds);
            Context.Stop(Self);
            return;
        }
        var topology = _topology();
        if (RestartJoinRule.MayStartCluster(topology, _node, _answers))
        {
            _log.Warning(StartsCluster);
            _cluster.Join(_cluster.SelfAddress);
            Context.Stop(Self);
            return;
        }
        if (DateTime.UtcNow - _saidAt >= SayEvery)
        {
            _saidAt = DateTime.UtcNow;
            var contacts = ClusterSeeds.RestartContacts(topology, _node).Select(n => n.Name).ToList();
            _log.Warning(WaitingPrefix + " after {0:0} s (a restarted incarnation does not start a cluster alone); members: [{1}], in no cluster: [{2}], no answer: [{3}]",
                (DateTime.UtcNow - _startedAt).TotalSeconds, Names(contacts, true), Names(contacts, false),
                string.Join(", ", contacts.Where(n => !_answers.ContainsKey(n))));
        }
        Ask();
    }

    private string Names(IEnumerable<string> contacts, bool member) =>
        string.Join(", ", contacts.Where(n => _answers.TryGetValue(n, out var m) && m == member));

    private void Ask()
    {
        _round++;
        _answers = [];
        foreach (var node in ClusterSeeds.RestartContacts(_topology(), _node))
            Context.ActorSelection(ActorPaths.Remote(node, ActorPaths.JoinProbeName)).Tell(new MembershipAsked(_round), Self);
    }
}
