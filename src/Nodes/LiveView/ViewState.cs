using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Media.Sources;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// What the page shows besides pictures, as one JSON object sent on every server-sent event: the
/// run summary's counters (cameras, clients, masters, restarts), node states, each camera's masked
/// URL and the latest boxes per camera (in the camera frame's pixels, with that frame's size).
/// </summary>
internal static class ViewState
{
    public static JsonObject Build(TopologyDefinition topology, TimeSpan elapsed, BoardSnapshot board, PictureFeeds feeds, BoxBoard boxes)
    {
        var state = RunSummary.Build(topology.Name, "", elapsed, board, topology.Nodes.Select(n => n.Name));
        var nodes = new JsonObject();
        foreach (var node in topology.Nodes)
            nodes[node.Name] = new JsonObject
            {
                ["state"] = board.NodeStates.GetValueOrDefault(node.Name, "starting"),
                ["restarts"] = board.Restarts.GetValueOrDefault(node.Name),
            };
        state["nodes"] = nodes;
        var urls = new JsonObject();
        foreach (var camera in topology.Cameras) urls[camera.Id] = CameraUrl.Masked(camera.Url);
        state["urls"] = urls;
        var drawn = new JsonObject();
        foreach (var found in boxes.Current())
        {
            if (feeds.Get(found.CameraId)?.Latest is not { } picture) continue;
            drawn[found.CameraId] = new JsonObject
            {
                ["master"] = found.MasterId,
                ["sequence"] = found.Sequence,
                ["frameWidth"] = picture.FrameWidth,
                ["frameHeight"] = picture.FrameHeight,
                ["boxes"] = new JsonArray(found.Boxes.Select(b => (JsonNode)new JsonArray(
                    Math.Round(b.X, 1), Math.Round(b.Y, 1), Math.Round(b.Width, 1), Math.Round(b.Height, 1), Math.Round(b.Score, 3))).ToArray()),
            };
        }
        state["boxes"] = drawn;
        return state;
    }
}
