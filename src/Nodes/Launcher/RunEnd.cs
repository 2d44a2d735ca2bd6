using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>What `valkka run` says when it ends: the summary JSON (with --summary-json), the last status line and every client that fell short.</summary>
internal static class RunEnd
{
    public static void Report(TopologyDefinition topology, RunOptions options, string mode, TimeSpan elapsed, BoardSnapshot final,
        IReadOnlyList<NodeDefinition> here, IReadOnlyList<NodeDefinition> elsewhere, RunConsole console, IEnumerable<(string Node, string Url)> metricsUrls)
    {
        var summary = RunSummary.Build(topology.Name, mode, elapsed, final, here.Select(n => n.Name));
        if (elsewhere.Count > 0)
            summary["remoteNodes"] = new JsonArray(elsewhere.Select(n => (JsonNode)$"{n.Name} ({n.Host}:{n.Port})").ToArray());
        var recoveries = new JsonObject();
        foreach (var group in console.Recoveries.GroupBy(r => r.Node))
            recoveries[group.Key] = new JsonArray(group.Select(r => (JsonNode)Math.Round(r.Seconds, 3)).ToArray());
        summary["recoverySeconds"] = recoveries;
        var endpoints = new JsonObject();
        foreach (var (node, url) in metricsUrls) endpoints[node] = url;
        if (topology.Metrics is not null) summary["metrics"] = endpoints;
        if (options.SummaryJson is not null)
        {
            RunSummary.Write(options.SummaryJson, summary);
            console.Say($"summary written to {options.SummaryJson}");
        }
        Console.Error.WriteLine(LiveTable.Line(elapsed, final));
        foreach (var shortfall in Shortfalls.Find(final)) console.Say($"short: {shortfall}");
        console.Say($"stopped after {elapsed.TotalSeconds:0.0}s");
    }
}
