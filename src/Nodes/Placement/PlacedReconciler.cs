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

    private readonly PlacedPartSet<CameraDefinition> _cameras = new(PartKinds.Camera, DefinitionDifferences.Of, id => id);
    private readonly PlacedPartSet<ClientDefinition> _clients = new(PartKinds.Client, DefinitionDifferences.Of);
    private readonly PlacedPartSet<MasterDefinition> _masters = new(PartKinds.Master, DefinitionDifferences.Of, PlacedPartKeys.Master);

    /// <summary>No placed camera, client or master runs here (as of the last reconciliation).</summary>
    public bool RunsNothing => _cameras.Count == 0 && _clients.Count == 0 && _masters.Count == 0;

    /// <param name="wanted">The cameras and masters (by key) the placement gives this node.</param>
    public async Task<Outcome> ReconcileAsync(TopologyDefinition topology, IReadOnlySet<string> wanted)
    {
        var cameras = topology.Cameras.Where(c => c.Placement is not null && wanted.Contains(c.Id)).ToDictionary(c => c.Id, c => c with { Node = node });
        var clients = topology.Clients.Where(c => c.WithCamera && cameras.ContainsKey(c.Cameras[0])).ToDictionary(c => c.Id, c => c with { Node = node });
        var masters = topology.Masters.Where(m => m.Placement is not null && wanted.Contains(PlacedPartKeys.Master(m.Id)))
            .ToDictionary(m => m.Id, m => m with { Node = node });
        var failures = new List<string>();

        // Clients stop before their camera and start after it (a client whose camera failed to start waits for the next pass).
        await _clients.StopAsync(clients, parts.Clients.Select(p => p.Id), id => parts.StopAsync(PartKinds.Client, id), failures).ConfigureAwait(false);
        await _cameras.StopAsync(cameras, parts.Cameras.Select(p => p.Id), id => parts.StopAsync(PartKinds.Camera, id), failures).ConfigureAwait(false);
        await _cameras.StartAsync(cameras, (id, camera) => parts.StartCamera(PlacedTopology.On(topology, id, node), camera), failures).ConfigureAwait(false);
        await _clients.StartAsync(clients.Where(c => _cameras.Runs(c.Value.Cameras[0])).ToDictionary(),
            (_, client) => parts.StartClient(PlacedTopology.On(topology, client.Cameras[0], node), client), failures).ConfigureAwait(false);
        await _masters.StopAsync(masters, parts.Masters.Select(p => p.Id), id => parts.StopAsync(PartKinds.Master, id), failures).ConfigureAwait(false);
        await _masters.StartAsync(masters, (id, master) => parts.StartMaster(PlacedTopology.WithMaster(topology, id, node), master), failures)
            .ConfigureAwait(false);

        var (c, m) = (_cameras.Changed(), _masters.Changed());
        return new Outcome([.. c.Started, .. m.Started], [.. c.Stopped, .. m.Stopped], [.. c.Restarted, .. m.Restarted], failures);
    }
}
