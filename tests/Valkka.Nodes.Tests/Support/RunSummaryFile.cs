using System.Text.Json.Nodes;

namespace Valkka.Nodes.Tests.Support;

/// <summary>The summary JSON of a run, read the way a script would.</summary>
public sealed class RunSummaryFile(JsonNode root)
{
    public JsonNode Root { get; } = root;

    public static RunSummaryFile Read(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty"));

    public JsonObject Cameras => Root["cameras"]!.AsObject();
    public JsonObject Clients => Root["clients"]!.AsObject();
    public JsonObject Masters => Root["masters"]!.AsObject();
    public JsonObject Restarts => Root["restarts"]!.AsObject();

    public JsonNode Camera(string id) => Cameras[id] ?? throw new KeyNotFoundException($"no camera {id} in the summary: {Root}");
    public JsonNode Client(string id) => Clients[id] ?? throw new KeyNotFoundException($"no client {id} in the summary: {Root}");

    public static long Long(JsonNode node, string key) => node[key]!.GetValue<long>();
}
