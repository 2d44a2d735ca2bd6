using System.Text.Json.Nodes;
using Valkka.Actors.Placement;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>
/// Whether the cluster has carried out a topology's placement, read from a run's status JSON (its
/// <c>placement</c> section: every placed camera of every host as that host's replica has it): every placed camera
/// of the topology placed on a node of its role and reported running there, and no other camera placed.
/// </summary>
public static class PlacementProgress
{
    /// <summary>What is not carried out yet, a line per camera or master; empty when all of it is.</summary>
    public static IReadOnlyList<string> Pending(TopologyDefinition topology, JsonObject status)
    {
        var placement = status["placement"] as JsonObject ?? [];
        var pending = new List<string>();
        var placed = PlacedPartKeys.Placed(topology);
        foreach (var (key, role) in placed)
        {
            var node = (string?)placement[key]?["node"];
            var running = (string?)placement[key]?["runningOn"];
            var roles = topology.Nodes.FirstOrDefault(n => n.Name == node)?.Roles ?? [];
            var part = PlacedPartKeys.Describe(key);
            if (string.IsNullOrEmpty(node)) pending.Add($"{part}: not placed yet");
            else if (!roles.Contains(role)) pending.Add($"{part}: on {node}, not a node of role {role}");
            else if (running != node) pending.Add($"{part}: placed on {node}, not running there yet");
        }
        pending.AddRange(placement.Where(kv => !placed.ContainsKey(kv.Key))
            .Select(kv => $"{PlacedPartKeys.Describe(kv.Key)}: still placed (on {kv.Value?["runningOn"] ?? "no node"})"));
        return pending;
    }
}
