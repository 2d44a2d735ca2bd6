using Akka.Actor;
using Akka.DistributedData;
using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Placement;

/// <summary>
/// Where a node's report says its parts run and how they got there: each camera row's host, whether the camera is
/// placed or pinned and how often the placement moved it (this node's replica of <see cref="PlacementData.MovesKey"/>),
/// each client and master row's host and placement, and which of the node's parts are placed (a launcher forgets a placed
/// part that its node no longer runs: it moved).
/// </summary>
internal static class PlacementStatus
{
    public const string Pinned = "pinned", Placed = "placed", WithCamera = "with-camera";

    /// <summary>The moves of every camera as this node's replica has them; null when it did not answer in time.</summary>
    public static async Task<IReadOnlyDictionary<string, long>?> MovesAsync(ActorSystem system, TimeSpan timeout)
    {
        try
        {
            var answer = await DistributedData.Get(system).Replicator
                .Ask(Dsl.Get(PlacementData.MovesKey, ReadLocal.Instance), timeout).ConfigureAwait(false);
            return answer is GetSuccess success
                ? success.Get(PlacementData.MovesKey).Entries.ToDictionary(e => e.Key, e => (long)e.Value, StringComparer.Ordinal)
                : new Dictionary<string, long>();
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every placed camera as this node's replica has the placement (<see cref="PlacementData.Key"/>) and what runs where
    /// (<see cref="PlacementData.RunningKey"/>), with each node's host; null when the replica did not answer in time.
    /// </summary>
    public static async Task<IReadOnlyList<PlacedCameraRow>?> MapAsync(ActorSystem system, TopologyDefinition topology, TimeSpan timeout)
    {
        try
        {
            var replicator = DistributedData.Get(system).Replicator;
            var placed = await replicator.Ask(Dsl.Get(PlacementData.Key, ReadLocal.Instance), timeout).ConfigureAwait(false);
            var running = await replicator.Ask(Dsl.Get(PlacementData.RunningKey, ReadLocal.Instance), timeout).ConfigureAwait(false);
            IReadOnlyDictionary<string, string> at = placed is GetSuccess p ? p.Get(PlacementData.Key).Entries : new Dictionary<string, string>();
            IReadOnlyDictionary<string, string> on = running is GetSuccess r ? r.Get(PlacementData.RunningKey).Entries : new Dictionary<string, string>();
            var hosts = topology.Nodes.ToDictionary(n => n.Name, n => n.Host, StringComparer.Ordinal);
            return at.Keys.Union(on.Keys).Order(StringComparer.Ordinal).Select(camera =>
            {
                var node = at.GetValueOrDefault(camera) ?? PlacementData.Moving;
                return new PlacedCameraRow(camera, node, hosts.GetValueOrDefault(node) ?? "", on.GetValueOrDefault(camera));
            }).ToList();
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <param name="hosted">Ids of the cameras, clients and masters the node runs (answered in time or not).</param>
    public static NodeReport Fill(NodeReport report, TopologyDefinition topology, IEnumerable<string> hosted, IReadOnlyDictionary<string, long>? moves)
    {
        var host = topology.Nodes.FirstOrDefault(n => n.Name == report.Node)?.Host ?? "";
        var placedCameras = topology.Cameras.Where(c => c.Placement is not null).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var placedClients = topology.Clients.Where(c => c.WithCamera).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var placedMasters = topology.Masters.Where(m => m.Placement is not null).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return report with
        {
            Cameras = report.Cameras.Select(c => c with
            {
                Host = host,
                Placement = placedCameras.Contains(c.Id) ? Placed : Pinned,
                Moves = moves?.GetValueOrDefault(c.Id) ?? 0,
            }).ToList(),
            Clients = report.Clients.Select(c => c with
            {
                Host = host,
                Placement = placedClients.Contains(c.Id) ? WithCamera : Pinned,
            }).ToList(),
            Masters = report.Masters.Select(m => m with { Host = host, Placement = placedMasters.Contains(m.Id) ? Placed : Pinned }).ToList(),
            PlacedHere = hosted.Where(id => placedCameras.Contains(id) || placedClients.Contains(id) || placedMasters.Contains(id)).Distinct().ToList(),
        };
    }
}
