using System.Text.Json;
using System.Text.Json.Nodes;
using Valkka.Media.Sources;

namespace Valkka.Nodes.Stats;

/// <summary>
/// The summary JSON written at the end of `valkka run --summary-json PATH`. Scripts rely on its
/// shape: cameras.ID.{decoded, dropped, fps, status}, clients.ID.{analyzed, skipped, stale, fps,
/// results}, masters.ID.{batches, frames, results}, restarts.NODE;
/// relays."NODE/CAMERA".{packetsReceived, decoded, lostOnWire, queueDropped, droppedUpstream, status} and
/// publishers."CAMERA->RELAY".{sent, bytes, droppedNoCredit, skippedToKeyframe, inFlight, tapDropped} for cameras read on other hosts. More fields are added beside
/// those (node, window counts over the last part of the run, batch size, analyzer time). Frames left
/// out on purpose for a wanted rate ("skippedForRate", "wantedFps": null = every frame) are counted
/// apart from frames lost ("lost": damaged; "discardedBehind": discarded while the camera was behind real
/// time; "dropped"; a client's "skipped": latest wins, it was busy). "shortfalls" names every client that
/// got less than 90 % of the rate it wanted from a camera over the window (<see cref="Shortfalls"/>).
/// </summary>
public static class RunSummary
{
    public static JsonObject Build(string topology, string mode, TimeSpan elapsed, BoardSnapshot board,
        IEnumerable<string> nodeNames)
    {
        var cameras = new JsonObject();
        foreach (var (id, t) in board.Cameras.OrderBy(kv => kv.Key))
            cameras[id] = new JsonObject
            {
                ["decoded"] = t.Total.Decoded,
                ["dropped"] = t.Total.Dropped,
                ["fps"] = Math.Round(t.Latest.Fps, 2),
                ["status"] = t.Latest.Status,
                ["reason"] = t.Latest.Reason is { } reason ? Valkka.Media.Sources.CameraUrl.Masked(reason) : null,
                ["node"] = t.Node,
                ["readers"] = t.Latest.Readers,
                ["leasesCleared"] = t.Total.LeasesCleared,
                ["leasesExpired"] = t.Total.LeasesExpired,
                ["published"] = t.Total.Published,
                ["skippedForRate"] = t.Total.SkippedForRate,
                ["lost"] = t.Total.Lost,
                ["discardedBehind"] = t.Total.DiscardedBehind,
                ["behindSince"] = t.Latest.BehindSince,
                ["wantedFps"] = t.Latest.WantedFps,
                ["window"] = new JsonObject { ["seconds"] = Math.Round(t.WindowSeconds, 3), ["decoded"] = t.WindowCount },
            };

        var clients = new JsonObject();
        foreach (var (id, t) in board.Clients.OrderBy(kv => kv.Key))
            clients[id] = new JsonObject
            {
                ["analyzed"] = t.Total.Analyzed,
                ["skipped"] = t.Total.Skipped,
                ["stale"] = t.Total.Stale,
                ["fps"] = Math.Round(t.Latest.Fps, 2),
                ["results"] = t.Total.Results,
                ["node"] = t.Node,
                ["forwarded"] = t.Total.Forwarded,
                ["masterResults"] = t.Total.MasterResults,
                ["skippedForRate"] = t.Total.SkippedForRate,
                ["window"] = new JsonObject { ["seconds"] = Math.Round(t.WindowSeconds, 3), ["analyzed"] = t.WindowCount },
                ["perCamera"] = PerCamera(id, t.Latest, board),
            };

        var masters = new JsonObject();
        foreach (var (id, t) in board.Masters.OrderBy(kv => kv.Key))
            masters[id] = new JsonObject
            {
                ["batches"] = t.Total.Batches,
                ["frames"] = t.Total.Frames,
                ["results"] = t.Total.Results,
                ["stale"] = t.Total.Stale,
                ["skipped"] = t.Total.Skipped,
                ["meanBatchSize"] = Math.Round(t.Latest.MeanBatchSize, 3),
                ["meanAnalyzerMs"] = Math.Round(t.Latest.MeanAnalyzerMs, 3),
                ["node"] = t.Node,
            };

        var relays = new JsonObject();
        foreach (var (id, t) in board.Relays.OrderBy(kv => kv.Key))
            relays[id] = new JsonObject
            {
                ["camera"] = t.Latest.CameraId,
                ["node"] = t.Node,
                ["status"] = t.Latest.Status,
                ["packetsReceived"] = t.Total.PacketsReceived,
                ["decoded"] = t.Total.Decoded,
                ["lostOnWire"] = t.Total.LostOnWire,
                ["queueDropped"] = t.Total.QueueDropped,
                ["droppedUpstream"] = t.Total.DroppedUpstream,
                ["fps"] = Math.Round(t.Latest.Fps, 2),
            };

        var publishers = new JsonObject();
        foreach (var (id, t) in board.Publishers.OrderBy(kv => kv.Key))
            publishers[id] = new JsonObject
            {
                ["camera"] = t.Latest.CameraId,
                ["relay"] = t.Latest.RelayId,
                ["node"] = t.Node,
                ["sent"] = t.Total.Sent,
                ["bytes"] = t.Total.Bytes,
                ["droppedNoCredit"] = t.Total.DroppedNoCredit,
                ["skippedToKeyframe"] = t.Total.SkippedToKeyframe,
                ["inFlight"] = t.Latest.InFlight,
                ["tapDropped"] = t.Total.TapDropped,
            };

        var shortfalls = new JsonArray(Shortfalls.Find(board).Select(f => (JsonNode)new JsonObject
        {
            ["client"] = f.ClientId, ["camera"] = f.CameraId, ["wantedFps"] = f.WantedFps, ["gotFps"] = f.GotFps, ["cause"] = f.Cause,
        }).ToArray());

        var restarts = new JsonObject();
        foreach (var node in nodeNames)
            restarts[node] = board.Restarts.GetValueOrDefault(node);

        return new JsonObject
        {
            ["topology"] = topology,
            ["mode"] = mode,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
            ["cameras"] = cameras,
            ["clients"] = clients,
            ["masters"] = masters,
            ["relays"] = relays,
            ["publishers"] = publishers,
            ["restarts"] = restarts,
            ["shortfalls"] = shortfalls,
        };
    }

    // The current incarnation's per-camera counters (they restart from zero when the node restarts),
    // and the frames analyzed per camera over the window (restarts included).
    private static JsonObject PerCamera(string clientId, ClientRow row, BoardSnapshot board)
    {
        var cameras = new JsonObject();
        foreach (var c in row.PerCamera)
            cameras[c.CameraId] = new JsonObject
            {
                ["attached"] = c.Attached, ["analyzed"] = c.Analyzed, ["skipped"] = c.Skipped, ["stale"] = c.Stale,
                ["skippedForRate"] = c.SkippedForRate, ["wantedFps"] = c.WantedFps,
                ["windowAnalyzed"] = board.WindowAnalyzedPerCamera.GetValueOrDefault((clientId, c.CameraId)),
            };
        return cameras;
    }

    public static void Write(string path, JsonObject summary)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
    }
}
