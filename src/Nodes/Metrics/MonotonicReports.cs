using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// Keeps the counters of one process's reports from going back. An actor that answers late is
/// reported with its details missing (zeros, or no per-camera rows); exported as they are, those
/// would look like counter resets to Prometheus. Within one process every counter only grows, so
/// the latest report is merged with the previous one by taking the larger value of each counter.
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
            // An actor a live change restarted counts from zero again: that is a reset, not a late answer.
            Cameras = r.Cameras.Select(c => cameras.TryGetValue(c.Id, out var p) && p.StartedAtUnixMs == c.StartedAtUnixMs ? Camera(p, c) : c).ToList(),
            Clients = r.Clients.Select(c => clients.TryGetValue(c.Id, out var p) && p.StartedAtUnixMs == c.StartedAtUnixMs ? Client(p, c) : c).ToList(),
            Masters = r.Masters.Select(m => masters.TryGetValue(m.Id, out var p) && p.StartedAtUnixMs == m.StartedAtUnixMs
                ? ReportFields<MasterRow>.Max(p, m) : m).ToList(),
            Relays = r.Relays.Select(m => relays.TryGetValue(m.CameraId, out var p) ? ReportFields<RelayRow>.Max(p, m) : m).ToList(),
        }).ToList();
    }

    // A late answer also reports the ring's size as 0.
    private static CameraRow Camera(CameraRow p, CameraRow c) =>
        ReportFields<CameraRow>.Max(p, c) with { RingSlots = Math.Max(p.RingSlots, c.RingSlots) };

    private static ClientRow Client(ClientRow p, ClientRow c) => ReportFields<ClientRow>.Max(p, c) with
    {
        PerCamera = c.PerCamera.Count == 0 ? p.PerCamera : c.PerCamera.Select(camera =>
            p.PerCamera.FirstOrDefault(q => q.CameraId == camera.CameraId) is { } q ? ReportFields<ClientCameraRow>.Max(q, camera) : camera).ToList(),
    };
}
