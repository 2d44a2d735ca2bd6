using Valkka.Actors.Placement;
using Valkka.Actors.Topology;
using Valkka.Actors.Topology.Changes;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Makes what one node runs by placement match the placement and the node's current topology (the desired state the
/// live changes bring): the placed cameras given to this node, each with the clients placed with it, and the placed
/// masters given to it (by their keys, <see cref="PlacedPartKeys"/>; their clients look for them where they run). A camera or
/// client the topology no longer has, or that the placement gave another node, stops (clients first); one whose
/// definition changed restarts here, alone (a camera's clients find it again by themselves; a change of its
/// placement role alone restarts nothing: the placement moves it); one added starts. Parts it does not find running
/// any more (the node's live change stopped one that stopped being placed) are forgotten. Not thread-safe: one
/// call at a time, under the node's <see cref="PartsGate"/>.
/// </summary>
internal sealed class PlacedReconciler(string node, NodeParts parts)
{
    /// <summary>Started: cameras and masters (by key) that run here now and did not; Stopped: those that ran here and do not any more.</summary>
    public sealed record Outcome(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped, IReadOnlyList<string> Restarted,
        IReadOnlyList<string> Failures);

    private readonly Dictionary<string, CameraDefinition> _cameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientDefinition> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MasterDefinition> _masters = new(StringComparer.Ordinal);

    /// <summary>No placed camera, client or master runs here (as of the last reconciliation).</summary>
    public bool RunsNothing => _cameras.Count == 0 && _clients.Count == 0 && _masters.Count == 0;

    /// <param name="wanted">The cameras and masters (by key) the placement gives this node.</param>
    public async Task<Outcome> ReconcileAsync(TopologyDefinition topology, IReadOnlySet<string> wanted)
    {
        var outcome = await CamerasAsync(topology, wanted).ConfigureAwait(false);
        var masters = await MastersAsync(topology, wanted).ConfigureAwait(false);
        return new Outcome([.. outcome.Started, .. masters.Started], [.. outcome.Stopped, .. masters.Stopped],
            [.. outcome.Restarted, .. masters.Restarted], [.. outcome.Failures, .. masters.Failures]);
    }

    private async Task<Outcome> MastersAsync(TopologyDefinition topology, IReadOnlySet<string> wanted)
    {
        var masters = topology.Masters.Where(m => m.Placement is not null && wanted.Contains(PlacedPartKeys.Master(m.Id)))
            .ToDictionary(m => m.Id, m => m with { Node = node });
        var hosted = parts.Masters.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var (started, stopped, restarted, failures) = (new List<string>(), new List<string>(), new List<string>(), new List<string>());
        foreach (var (id, running) in _masters.ToList())
        {
            if (!hosted.Contains(id))
            {
                _masters.Remove(id);
                stopped.Add(PlacedPartKeys.Master(id));
            }
            else if (!masters.TryGetValue(id, out var next) || Differs(DefinitionDifferences.Of(running, next)))
                await Act($"master {id}", async () =>
                {
                    await parts.StopAsync(PartKinds.Master, id).ConfigureAwait(false);
                    _masters.Remove(id);
                    (masters.ContainsKey(id) ? restarted : stopped).Add(PlacedPartKeys.Master(id));
                }, failures).ConfigureAwait(false);
        }
        foreach (var (id, master) in masters.Where(m => !_masters.ContainsKey(m.Key)))
            await Act($"master {id}", () =>
            {
                parts.StartMaster(PlacedTopology.WithMaster(topology, id, node), master);
                _masters[id] = master;
                if (!restarted.Contains(PlacedPartKeys.Master(id))) started.Add(PlacedPartKeys.Master(id));
                return Task.CompletedTask;
            }, failures).ConfigureAwait(false);
        return new Outcome(started, stopped.Concat(restarted).Where(key => !_masters.ContainsKey(PlacedPartKeys.MasterOf(key)!)).ToList(),
            restarted.Where(key => _masters.ContainsKey(PlacedPartKeys.MasterOf(key)!)).ToList(), failures);
    }

    private async Task<Outcome> CamerasAsync(TopologyDefinition topology, IReadOnlySet<string> wanted)
    {
        var cameras = topology.Cameras.Where(c => c.Placement is not null && wanted.Contains(c.Id)).ToDictionary(c => c.Id, c => c with { Node = node });
        var clients = topology.Clients.Where(c => c.WithCamera && cameras.ContainsKey(c.Cameras[0])).ToDictionary(c => c.Id, c => c with { Node = node });
        var hostedCameras = parts.Cameras.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var hostedClients = parts.Clients.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var (started, stopped, restarted, failures) = (new List<string>(), new List<string>(), new List<string>(), new List<string>());

        foreach (var (id, running) in _clients.ToList())
        {
            if (!hostedClients.Contains(id)) _clients.Remove(id);
            else if (!clients.TryGetValue(id, out var next) || Differs(DefinitionDifferences.Of(running, next)))
                await Act($"client {id}", async () =>
                {
                    await parts.StopAsync(PartKinds.Client, id).ConfigureAwait(false);
                    _clients.Remove(id);
                }, failures).ConfigureAwait(false);
        }
        foreach (var (id, running) in _cameras.ToList())
        {
            if (!hostedCameras.Contains(id))
            {
                _cameras.Remove(id);
                stopped.Add(id);
            }
            else if (!cameras.TryGetValue(id, out var next) || Differs(DefinitionDifferences.Of(running, next)))
                await Act($"camera {id}", async () =>
                {
                    await parts.StopAsync(PartKinds.Camera, id).ConfigureAwait(false);
                    _cameras.Remove(id);
                    (cameras.ContainsKey(id) ? restarted : stopped).Add(id);
                }, failures).ConfigureAwait(false);
        }
        foreach (var (id, camera) in cameras.Where(c => !_cameras.ContainsKey(c.Key)))
            await Act($"camera {id}", () =>
            {
                parts.StartCamera(PlacedTopology.On(topology, id, node), camera);
                _cameras[id] = camera;
                if (!restarted.Contains(id)) started.Add(id);
                return Task.CompletedTask;
            }, failures).ConfigureAwait(false);
        foreach (var (id, client) in clients.Where(c => !_clients.ContainsKey(c.Key) && _cameras.ContainsKey(c.Value.Cameras[0])))
            await Act($"client {id}", () =>
            {
                parts.StartClient(PlacedTopology.On(topology, client.Cameras[0], node), client);
                _clients[id] = client;
                return Task.CompletedTask;
            }, failures).ConfigureAwait(false);
        // A restart whose start failed leaves the camera stopped.
        return new Outcome(started, stopped.Concat(restarted).Where(id => !_cameras.ContainsKey(id)).ToList(),
            restarted.Where(_cameras.ContainsKey).ToList(), failures);
    }

    // The node and the placement say where a part runs, not how: they alone restart nothing.
    private static bool Differs(IReadOnlyList<string> keys) => keys.Any(k => k is not "node" and not "placement");

    private static async Task Act(string what, Func<Task> act, List<string> failures)
    {
        try { await act().ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { failures.Add($"{what}: {e.Message}"); }
    }
}
