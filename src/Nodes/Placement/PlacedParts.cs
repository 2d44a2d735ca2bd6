using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Valkka.Actors.Placement;
using Valkka.Actors.Topology;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Runs on every node: follows the placement in Distributed Data and the node's topology, and has
/// <see cref="PlacedReconciler"/> run the placed cameras given to this node, each with its clients placed with it,
/// and stop those given to another node (clients first), one reconciliation at a time. A live change of the topology
/// (<see cref="TopologyApplied"/>) starts, stops or restarts the placed parts it touches here; while a change is
/// between its phases (<see cref="PartsGate.ChangePending"/>) nothing is done. A node the cluster downs ends its
/// ActorSystem, which stops them all: a minority never keeps a camera that the majority placed elsewhere. A node that
/// stops stops them before it leaves the cluster (<see cref="Leave"/>): once it has left, the others place its
/// cameras at once.
/// </summary>
internal sealed class PlacedParts : ReceiveActor, IWithTimers
{
    /// <summary>The node's topology changed (a live change's start phase is done).</summary>
    public sealed record TopologyApplied
    {
        public static readonly TopologyApplied Instance = new();
    }

    private sealed record Done(PlacedReconciler.Outcome? Outcome);

    private sealed record Retry;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>From <see cref="MinorityFence"/>: while on, this node runs none of its placed parts.</summary>
    public sealed record Fenced(bool On);

    /// <summary>This node stops (before it leaves the cluster): stop every placed part; <see cref="Left"/> answers once none runs.</summary>
    public sealed record Leave
    {
        public static readonly Leave Instance = new();
    }

    public sealed record Left
    {
        public static readonly Left Instance = new();
    }

    private readonly string _node;
    private readonly Func<TopologyDefinition> _topology;
    private readonly PartsGate _gate;
    private readonly PlacedReconciler _reconciler;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.UniqueAddress _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
    private IReadOnlySet<string> _wanted = new HashSet<string>(StringComparer.Ordinal);
    private readonly OneAtATime _reconciling = new();
    private readonly List<IActorRef> _leaving = [];
    private bool _fenced;

    public PlacedParts(string node, NodeParts parts, Func<TopologyDefinition> topology, PartsGate gate)
    {
        (_node, _topology, _gate, _reconciler) = (node, topology, gate, new PlacedReconciler(node, parts));
        Receive<UpdateSuccess>(_ => { });
        Receive<UpdateTimeout>(_ => { });   // an unreachable member: the write spreads by gossip
        Receive<Changed>(c =>
        {
            _wanted = c.Get(PlacementData.Key).Entries.Where(e => e.Value == _node).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            Reconcile();
        });
        Receive<TopologyApplied>(_ => Reconcile());
        Receive<Retry>(_ => Reconcile());
        Receive<Fenced>(f =>
        {
            _fenced = f.On;
            Reconcile();
        });
        Receive<Leave>(_ =>
        {
            _leaving.Add(Sender);
            Reconcile();
        });
        Receive<Done>(d =>
        {
            var again = _reconciling.Done();
            if (d.Outcome is not { } outcome)
                Timers.StartSingleTimer("retry", new Retry(), RetryAfter);   // a live change is between its phases
            else
                Report(outcome);
            if (again) Reconcile();
            else if (_leaving.Count > 0 && _reconciler.RunsNothing)
            {
                foreach (var asker in _leaving) asker.Tell(Left.Instance);
                _leaving.Clear();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string node, NodeParts parts, Func<TopologyDefinition> topology, PartsGate gate) =>
        Akka.Actor.Props.Create(() => new PlacedParts(node, parts, topology, gate));

    protected override void PreStart() => _replicator.Tell(Dsl.Subscribe(PlacementData.Key, Self));

    private void Reconcile()
    {
        if (!_reconciling.TryStart()) return;
        RunAsync(_fenced || _leaving.Count > 0 ? new HashSet<string>() : _wanted).PipeTo(Self);
    }

    private async Task<Done> RunAsync(IReadOnlySet<string> wanted)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return new Done(_gate.ChangePending ? null : await _reconciler.ReconcileAsync(_topology(), wanted).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Report(PlacedReconciler.Outcome outcome)
    {
        foreach (var failure in outcome.Failures) _log.Error("placement: {0}", failure);
        foreach (var camera in outcome.Stopped)
        {
            Running(camera, false);
            _log.Info("placement: {0} stopped on node {1}{2}", PlacedPartKeys.Describe(camera), _node,
                _fenced ? " (this node is in a minority)" : _leaving.Count > 0 ? " (this node stops)" : "");
        }
        foreach (var camera in outcome.Started)
        {
            Running(camera, true);
            _log.Info("placement: {0} started on node {1}", PlacedPartKeys.Describe(camera), _node);
        }
        foreach (var camera in outcome.Restarted) _log.Info("placement: {0} restarted on node {1} (its definition changed)", PlacedPartKeys.Describe(camera), _node);
    }

    // Tells the placement what this node runs; straight to every reachable member rather than by gossip, so that a
    // move waits no longer than it must.
    private void Running(string camera, bool running) =>
        _replicator.Tell(Dsl.Update(PlacementData.RunningKey, LWWDictionary<string, string>.Empty, new WriteAll(PlacementData.WriteTimeout),
            d => running ? d.SetItem(_self, camera, _node) : d.Remove(_self, camera)));
}
