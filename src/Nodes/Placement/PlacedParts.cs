using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Runs on every node: follows the placement in Distributed Data and starts the placed cameras given to this node,
/// each with its clients placed with it, and stops those given to another node (clients first), one change at a
/// time. A node the cluster downs ends its ActorSystem, which stops them all: a minority never keeps a camera
/// that the majority placed elsewhere.
/// </summary>
internal sealed class PlacedParts : ReceiveActor
{
    private sealed record Done(IReadOnlyList<string> Failures);

    /// <summary>From <see cref="MinorityFence"/>: while on, this node runs none of its placed parts.</summary>
    public sealed record Fenced(bool On);

    private readonly string _node;
    private readonly NodeParts _parts;
    private readonly Func<TopologyDefinition> _topology;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.UniqueAddress _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private HashSet<string> _wanted = new(StringComparer.Ordinal);
    private readonly IActorRef _me;
    private bool _busy, _again, _fenced;

    public PlacedParts(string node, NodeParts parts, Func<TopologyDefinition> topology)
    {
        (_node, _parts, _topology, _me) = (node, parts, topology, Self);
        Receive<UpdateSuccess>(_ => { });
        Receive<UpdateTimeout>(_ => { });   // an unreachable member: the write spreads by gossip
        Receive<Changed>(c =>
        {
            _wanted = c.Get(PlacementData.Key).Entries.Where(e => e.Value == _node).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            Reconcile();
        });
        Receive<Fenced>(f =>
        {
            _fenced = f.On;
            Reconcile();
        });
        Receive<Done>(d =>
        {
            foreach (var failure in d.Failures) _log.Error("placement: {0}", failure);
            _busy = false;
            if (_again) Reconcile();
        });
    }

    public static Props Props(string node, NodeParts parts, Func<TopologyDefinition> topology) =>
        Akka.Actor.Props.Create(() => new PlacedParts(node, parts, topology));

    protected override void PreStart() => _replicator.Tell(Dsl.Subscribe(PlacementData.Key, Self));

    // Tells the placement what this node runs (Tell is safe from the apply task's thread); straight to every reachable
    // member rather than by gossip, so that a move waits no longer than it must.
    private void Running(string camera, bool running) =>
        _replicator.Tell(Dsl.Update(PlacementData.RunningKey, LWWDictionary<string, string>.Empty, new WriteAll(PlacementData.WriteTimeout),
            d => running ? d.SetItem(_self, camera, _node) : d.Remove(_self, camera)), _me);

    private void Reconcile()
    {
        if (_busy)
        {
            _again = true;
            return;
        }
        (_busy, _again) = (true, false);
        var topology = _topology();
        IReadOnlySet<string> wanted = _fenced ? new HashSet<string>() : _wanted;
        var stop = _running.Where(id => !wanted.Contains(id)).ToList();
        var start = wanted.Where(id => !_running.Contains(id) && topology.Cameras.Any(c => c.Id == id && c.Placement is not null)).ToList();
        foreach (var id in stop) _running.Remove(id);
        foreach (var id in start) _running.Add(id);
        ApplyAsync(topology, stop, start).PipeTo(Self);
    }

    private async Task<Done> ApplyAsync(TopologyDefinition topology, List<string> stop, List<string> start)
    {
        var failures = new List<string>();
        foreach (var camera in stop)
        {
            try
            {
                foreach (var client in topology.Clients.Where(c => c.WithCamera && c.Cameras.Contains(camera)))
                    await _parts.StopAsync(PartKinds.Client, client.Id).ConfigureAwait(false);
                await _parts.StopAsync(PartKinds.Camera, camera).ConfigureAwait(false);
                Running(camera, false);
                _log.Info("placement: camera {0} stopped on node {1} ({2})", camera, _node, _fenced ? "this node is in a minority" : "placed elsewhere");
            }
            catch (Exception e) when (e is not OutOfMemoryException) { failures.Add($"camera {camera}: {e.Message}"); }
        }
        foreach (var camera in start)
        {
            try
            {
                var here = PlacedTopology.On(topology, camera, _node);
                _parts.StartCamera(here, here.Camera(camera));
                foreach (var client in here.Clients.Where(c => c.WithCamera && c.Cameras.Contains(camera))) _parts.StartClient(here, client);
                Running(camera, true);
                _log.Info("placement: camera {0} started on node {1}", camera, _node);
            }
            catch (Exception e) when (e is not OutOfMemoryException) { failures.Add($"camera {camera}: {e.Message}"); }
        }
        return new Done(failures);
    }
}
