using System.Text.Json.Nodes;
using Valkka.Actors.Topology;

namespace Valkka.Nodes.Cli;

/// <summary>
/// Whether the cluster has carried out a topology's placement, read from a run's status JSON (its
/// <c>placement</c> section: every placed camera of every host as that host's replica has it): every placed camera
/// of the topology placed on a node of its role and reported running there, and no other camera placed.
/// </summary>
public static class PlacementProgress
{
    /// <summary>What is not carried out yet, a line per camera; empty when all of it is.</summary>
    public static IReadOnlyList<string> Pending(TopologyDefinition topology, JsonObject status)
    {
        var placement = status["placement"] as JsonObject ?? [];
        var pending = new List<string>();
        foreach (var camera in topology.Cameras.Where(c => c.Placement is not null))
        {
            var node = (string?)placement[camera.Id]?["node"];
            var running = (string?)placement[camera.Id]?["runningOn"];
            var roles = topology.Nodes.FirstOrDefault(n => n.Name == node)?.Roles ?? [];
            if (string.IsNullOrEmpty(node)) pending.Add($"camera {camera.Id}: not placed yet");
            else if (!roles.Contains(camera.Placement!.Role)) pending.Add($"camera {camera.Id}: on {node}, not a node of role {camera.Placement.Role}");
            else if (running != node) pending.Add($"camera {camera.Id}: placed on {node}, not running there yet");
        }
        var placed = topology.Cameras.Where(c => c.Placement is not null).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        pending.AddRange(placement.Where(kv => !placed.Contains(kv.Key)).Select(kv => $"camera {kv.Key}: still placed (on {kv.Value?["runningOn"] ?? "no node"})"));
        return pending;
    }
}
