using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// Keeps the counters of one process's reports from going back. An actor that answers late is
/// reported with its details missing (zeros, or no per-camera rows); exported as they are, those
/// would look like counter resets to Prometheus. Within one process every counter only grows, so
/// the latest report is merged with the previous one by taking the larger value.
/// </summary>
internal static class MonotonicReports
{
    public static IReadOnlyList<NodeReport> Merge(IReadOnlyList<NodeReport> previous, IReadOnlyList<NodeReport> latest)
    {
        var cameras = previous.SelectMany(r => r.Cameras).ToDictionary(c => c.Id);
        var clients = previous.SelectMany(r => r.Clients).ToDictionary(c => c.Id);
        var masters = previous.SelectMany(r => r.Masters).ToDictionary(m => m.Id);
        var relays = previous.SelectMany(r => r.Relays).ToDictionary(m => m.CameraId);
        return latest.Select(r => r with
        {
            Cameras = r.Cameras.Select(c => cameras.TryGetValue(c.Id, out var p) ? Camera(p, c) : c).ToList(),
            Clients = r.Clients.Select(c => clients.TryGetValue(c.Id, out var p) ? Client(p, c) : c).ToList(),
            Masters = r.Masters.Select(m => masters.TryGetValue(m.Id, out var p) ? Master(p, m) : m).ToList(),
            Relays = r.Relays.Select(m => relays.TryGetValue(m.CameraId, out var p) ? Relay(p, m) : m).ToList(),
        }).ToList();
    }

    private static CameraRow Camera(CameraRow p, CameraRow c) => c with
    {
        Decoded = Math.Max(p.Decoded, c.Decoded), Dropped = Math.Max(p.Dropped, c.Dropped), Published = Math.Max(p.Published, c.Published),
        SkippedForRate = Math.Max(p.SkippedForRate, c.SkippedForRate), Lost = Math.Max(p.Lost, c.Lost),
        DiscardedBehind = Math.Max(p.DiscardedBehind, c.DiscardedBehind),
        Reconnects = Math.Max(p.Reconnects, c.Reconnects), DecodeSeconds = Math.Max(p.DecodeSeconds, c.DecodeSeconds),
        LeasesExpired = Math.Max(p.LeasesExpired, c.LeasesExpired), LeasesCleared = Math.Max(p.LeasesCleared, c.LeasesCleared),
        RingSlots = Math.Max(p.RingSlots, c.RingSlots),
    };

    private static ClientRow Client(ClientRow p, ClientRow c) => c with
    {
        Analyzed = Math.Max(p.Analyzed, c.Analyzed), Skipped = Math.Max(p.Skipped, c.Skipped), Stale = Math.Max(p.Stale, c.Stale),
        Results = Math.Max(p.Results, c.Results), Forwarded = Math.Max(p.Forwarded, c.Forwarded),
        MasterResults = Math.Max(p.MasterResults, c.MasterResults), SkippedForRate = Math.Max(p.SkippedForRate, c.SkippedForRate),
        PerCamera = c.PerCamera.Count == 0 ? p.PerCamera : c.PerCamera.Select(camera =>
            p.PerCamera.FirstOrDefault(q => q.CameraId == camera.CameraId) is { } q ? camera with
            {
                Analyzed = Math.Max(q.Analyzed, camera.Analyzed), Skipped = Math.Max(q.Skipped, camera.Skipped),
                Stale = Math.Max(q.Stale, camera.Stale), SkippedForRate = Math.Max(q.SkippedForRate, camera.SkippedForRate),
            } : camera).ToList(),
    };

    private static RelayRow Relay(RelayRow p, RelayRow r) => r with
    {
        PacketsReceived = Math.Max(p.PacketsReceived, r.PacketsReceived), Decoded = Math.Max(p.Decoded, r.Decoded),
        LostOnWire = Math.Max(p.LostOnWire, r.LostOnWire), QueueDropped = Math.Max(p.QueueDropped, r.QueueDropped),
        DroppedUpstream = Math.Max(p.DroppedUpstream, r.DroppedUpstream),
    };

    private static MasterRow Master(MasterRow p, MasterRow m) => m with
    {
        Batches = Math.Max(p.Batches, m.Batches), Frames = Math.Max(p.Frames, m.Frames), Results = Math.Max(p.Results, m.Results),
        Stale = Math.Max(p.Stale, m.Stale), Skipped = Math.Max(p.Skipped, m.Skipped),
    };
}
