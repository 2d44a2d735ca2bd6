using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Valkka.Actors.Topology;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Runs on every node of a topology with placed cameras: follows where each placed camera runs
/// (<see cref="PlacementData.RunningKey"/>) into the node's <see cref="PlacedLocations"/>, where its readers look, and runs
/// the relays this node owes its host (<see cref="PlacedRoutes.RelaysOn"/>, and for a placed master running on this host
/// the relays of the pinned cameras its clients read: <see cref="PlacedTopology.WithMastersWhereTheyRun"/>) only while their camera runs on another host:
/// a relay starts when its camera starts elsewhere, and stops when the camera comes to this host (its readers here then
/// read the camera's own ring). While a camera runs nowhere (being moved, or its node lost and not yet replaced) its
/// relay stays as it is, waiting for the stream, and its readers stay attached to it. A live change of the topology
/// (<see cref="PlacedParts.TopologyApplied"/>) is looked at too: it may add or remove readers here. One change at a time.
/// </summary>
internal sealed class PlacedRelays : ReceiveActor
{
    private sealed record Done(IReadOnlyList<string> Failures, IReadOnlyList<string> NotStarted);

    private readonly string _node;
    private readonly NodeParts _parts;
    private readonly Func<TopologyDefinition> _topology;
    private readonly PlacedLocations _locations;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly OneAtATime _reconciling = new();

    public PlacedRelays(string node, NodeParts parts, Func<TopologyDefinition> topology)
    {
        (_node, _parts, _topology, _locations) = (node, parts, topology, parts.Placed);
        Receive<Changed>(c =>
        {
            _locations.Set(c.Get(PlacementData.RunningKey).Entries);
            Reconcile();
        });
        Receive<PlacedParts.TopologyApplied>(_ => Reconcile());
        Receive<Done>(d =>
        {
            foreach (var failure in d.Failures) _log.Error("placement: {0}", failure);
            foreach (var id in d.NotStarted) _running.Remove(id);   // tried again at the next change
            if (_reconciling.Done()) Reconcile();
        });
    }

    public static Props Props(string node, NodeParts parts, Func<TopologyDefinition> topology) =>
        Akka.Actor.Props.Create(() => new PlacedRelays(node, parts, topology));

    protected override void PreStart() => DistributedData.Get(Context.System).Replicator.Tell(Dsl.Subscribe(PlacementData.RunningKey, Self));

    private void Reconcile()
    {
        if (!_reconciling.TryStart()) return;
        var pinned = _topology();
        var topology = PlacedTopology.WithMastersWhereTheyRun(pinned, _locations);
        var here = topology.Node(_node);
        var owed = PlacedRoutes.RelaysOn(topology, _node).ToDictionary(c => c.Id);
        // Relays of pinned cameras that a placed master running on this host needs (those the pinned topology gives this
        // node, the node runs from its start): their camera runs on another host, always.
        var started = CameraRoutes.RelayedOn(pinned, _node).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var forMasters = CameraRoutes.RelayedOn(topology, _node).Where(c => !started.Contains(c.Id)).ToList();
        foreach (var camera in forMasters) owed[camera.Id] = camera;
        var start = new List<(CameraDefinition Camera, string At)>();
        var stop = _running.Where(id => !owed.ContainsKey(id)).Select(id => (id, "no reader on this host")).ToList();
        foreach (var camera in forMasters.Where(c => !_running.Contains(c.Id))) start.Add((camera, camera.Node));
        foreach (var (id, camera) in owed.Where(o => o.Value.Placement is not null))
        {
            if (_locations.NodeOf(id) is not { } at || topology.Nodes.All(n => n.Name != at)) continue;
            var elsewhere = !CameraRoutes.SameHost(topology.Node(at), here);
            if (elsewhere && !_running.Contains(id)) start.Add((camera, at));
            else if (!elsewhere && _running.Contains(id)) stop.Add((id, $"the camera runs on this host's node {at}"));
        }
        foreach (var (id, _) in stop) _running.Remove(id);
        foreach (var (camera, _) in start) _running.Add(camera.Id);
        if (stop.Count == 0 && start.Count == 0)
        {
            _reconciling.Done();   // nothing to do: nothing was asked for meanwhile either
            return;
        }
        ApplyAsync(topology, stop, start).PipeTo(Self);
    }

    private async Task<Done> ApplyAsync(TopologyDefinition topology, List<(string Id, string Why)> stop, List<(CameraDefinition Camera, string At)> start)
    {
        var (failures, notStarted) = (new List<string>(), new List<string>());
        foreach (var (id, why) in stop)
        {
            try
            {
                await _parts.StopAsync("relay", id).ConfigureAwait(false);
                _log.Info("placement: relay of camera {0} stopped on node {1} ({2})", id, _node, why);
            }
            catch (Exception e) when (e is not OutOfMemoryException) { failures.Add($"relay of camera {id}: {e.Message}"); }
        }
        foreach (var (camera, at) in start)
        {
            try
            {
                _parts.StartRelay(topology, _node, camera);
                _log.Info("placement: relay of camera {0} started on node {1} (the camera runs on node {2}, another host)", camera.Id, _node, at);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"relay of camera {camera.Id}: {e.Message}");
                notStarted.Add(camera.Id);
            }
        }
        return new Done(failures, notStarted);
    }
}
