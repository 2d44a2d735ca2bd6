using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Cli;

/// <summary>
/// `valkka status FILE [--json]`: what the running `valkka run` of FILE's topology on this machine runs, from its
/// control socket (GET /api/status, the summary JSON): each camera and client with the node and host it runs on,
/// whether it is pinned (key node) or placed by the cluster (and how often the cluster moved the camera), its status
/// and rate; then where the cluster places every placed camera of every host; then the nodes. Exit 0, or 1 when no run
/// listens. A run on each host shows the parts its own nodes run, and the whole cluster's placement.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file of the running deployment (its name finds the run)" };
        var json = new Option<bool>("--json") { Description = "print the status JSON as the run answers it" };
        var command = new Command("status", "Show where every camera and client of a running topology runs, and how it is doing") { file, json };
        command.SetAction((result, cancel) => RunAsync(result.GetValue(file)!, result.GetValue(json), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string file, bool json, CancellationToken cancel)
    {
        var topology = TopologyFile.Load(file, new ValidationScope { Nodes = RunCommand.LocalNodeNames(file), CheckPorts = false, CheckShmSpace = false },
            new Dictionary<string, int>());
        if (topology is null) return ExitCodes.InvalidTopology;
        var socket = ControlSocketPath.For(topology.Name, HostIdentity.Current);
        using var http = ControlClient.Create(socket);
        string text;
        try
        {
            text = await http.GetStringAsync("/api/status", cancel);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            Console.Error.WriteLine($"{file}: no valkka run of topology {topology.Name} runs on this machine (no answer on {socket})");
            return ExitCodes.RuntimeFailure;
        }
        var status = JsonNode.Parse(text)!.AsObject();
        Console.WriteLine(json ? status.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : Render(status));
        return ExitCodes.Success;
    }

    /// <summary>The status as text: one line per camera, client and node.</summary>
    public static string Render(JsonObject status)
    {
        var lines = new List<string> { $"topology {status["topology"]}, running {status["seconds"]} s" };
        lines.Add("cameras:");
        foreach (var (id, c) in Entries(status, "cameras"))
            lines.Add($"  {id,-16} node {c["node"],-12} host {c["host"],-15} {Placement(c),-20} {c["status"]} {Number(c["fps"]):0.0} fps");
        lines.Add("clients:");
        foreach (var (id, c) in Entries(status, "clients"))
            lines.Add($"  {id,-16} node {c["node"],-12} host {c["host"],-15} {c["placement"],-20} analyzed {c["analyzed"]} {Number(c["fps"]):0.0} fps{MasterNowhere(c)}");
        if (Entries(status, "masters").Any())
        {
            lines.Add("masters:");
            foreach (var (id, m) in Entries(status, "masters"))
                lines.Add($"  {id,-16} node {m["node"],-12} host {m["host"],-15} {m["placement"],-20} batches {m["batches"]} frames {m["frames"]}");
        }
        if (Entries(status, "placement").Any())
        {
            lines.Add("placement (the cluster's, every host):");
            foreach (var (id, p) in Entries(status, "placement"))
                lines.Add($"  {Part(id),-16} node {Placed(p),-12} host {p["host"],-15} {Running(p)}");
        }
        lines.Add("nodes (restarts):");
        foreach (var (node, restarts) in Entries(status, "restarts")) lines.Add($"  {node,-16} {restarts}");
        return string.Join(Environment.NewLine, lines);
    }

    // A client whose master (placed by the cluster) runs nowhere now: its forwarded frames are not sent.
    private static string MasterNowhere(JsonNode client) =>
        client["masterWaiting"] is null ? "" : $", master nowhere ({client["notSentToMaster"]} frames not sent)";

    private static string Placement(JsonNode camera) =>
        (string?)camera["placement"] == "placed" ? $"placed, {camera["moves"]} move{((long?)camera["moves"] == 1 ? "" : "s")}" : $"{camera["placement"]}";

    // A camera by its id, a master as "master M" (its key in the placement is master:M).
    private static string Part(string key) => Valkka.Actors.Placement.PlacedPartKeys.MasterOf(key) is { } master ? "master " + master : key;

    private static string Placed(JsonNode placed) => (string?)placed["node"] is { Length: > 0 } node ? node : "(moving)";

    private static string Running(JsonNode placed) =>
        (string?)placed["runningOn"] is { } on ? (on == (string?)placed["node"] ? "running" : $"running on {on}") : "not running yet";

    private static double Number(JsonNode? value) => value is null ? 0 : value.GetValue<double>();

    private static IEnumerable<(string Id, JsonNode Value)> Entries(JsonObject status, string section) =>
        status[section] is JsonObject o ? o.Where(kv => kv.Value is not null).Select(kv => (kv.Key, kv.Value!)) : [];
}
