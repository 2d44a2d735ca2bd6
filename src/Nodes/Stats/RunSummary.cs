using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valkka.Nodes.Stats;

/// <summary>
/// The summary JSON written at the end of `valkka run --summary-json PATH`. Scripts rely on its
/// shape: cameras.ID.{decoded, dropped, fps, status}, clients.ID.{analyzed, skipped, stale, fps,
/// results}, masters.ID.{batches, frames, results}, restarts.NODE;
/// relays."NODE/CAMERA".{packetsReceived, decoded, lostOnWire, queueDropped, droppedUpstream, status} and
/// publishers."CAMERA->RELAY".{sent, bytes, droppedNoCredit, skippedToKeyframe, inFlight, tapDropped} for cameras read on other hosts;
/// placement.KEY.{node, host, runningOn}: where the cluster places every placed camera (KEY its id) and master (KEY master:ID) of
/// every host (node "" while it moves).
/// Every field of the report rows is there by its camelCase name (<see cref="SummaryFields"/>), with the
/// node and window counts over the last part of the run. Frames left
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
            cameras[id] = WithWindow(SummaryFields.Of(t.Total, t.Node), t, "decoded");

        var clients = new JsonObject();
        foreach (var (id, t) in board.Clients.OrderBy(kv => kv.Key))
        {
            clients[id] = WithWindow(SummaryFields.Of(t.Total, t.Node), t, "analyzed");
            clients[id]!["perCamera"] = PerCamera(id, t.Latest, board);
        }

        var masters = new JsonObject();
        foreach (var (id, t) in board.Masters.OrderBy(kv => kv.Key))
            masters[id] = SummaryFields.Of(t.Total, t.Node);

        var relays = new JsonObject();
        foreach (var (id, t) in board.Relays.OrderBy(kv => kv.Key))
        {
            relays[id] = SummaryFields.Of(t.Total, t.Node);
            relays[id]!["camera"] = t.Latest.CameraId;
        }

        var publishers = new JsonObject();
        foreach (var (id, t) in board.Publishers.OrderBy(kv => kv.Key))
        {
            publishers[id] = SummaryFields.Of(t.Total, t.Node);
            publishers[id]!["camera"] = t.Latest.CameraId;
            publishers[id]!["relay"] = t.Latest.RelayId;
        }

        var shortfalls = new JsonArray(Shortfalls.Find(board).Select(f => (JsonNode)new JsonObject
        {
            ["client"] = f.ClientId, ["camera"] = f.CameraId, ["wantedFps"] = f.WantedFps, ["gotFps"] = f.GotFps, ["cause"] = f.Cause,
        }).ToArray());

        var placement = new JsonObject();
        foreach (var row in board.ClusterPlacement)
            placement[row.CameraId] = new JsonObject { ["node"] = row.Node, ["host"] = row.Host, ["runningOn"] = row.RunningOn };

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
            ["placement"] = placement,
            ["restarts"] = restarts,
            ["shortfalls"] = shortfalls,
        };
    }

    private static JsonObject WithWindow<T>(JsonObject json, Totals<T> t, string count)
    {
        json["window"] = new JsonObject { ["seconds"] = Math.Round(t.WindowSeconds, 3), [count] = t.WindowCount };
        return json;
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
                ["skippedForRate"] = c.SkippedForRate, ["wantedFps"] = c.WantedFps, ["failed"] = c.Failed, ["skippedStarting"] = c.SkippedStarting,
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
