using Valkka.Actors.Topology;

namespace Valkka.Actors.Placement;

/// <summary>
/// The keys of the cluster's placement maps: a placed camera by its id, a placed master as "master:" and its id (a
/// colon is in no valid id, so the two never meet). Every reader of the maps tells them apart here.
/// </summary>
public static class PlacedPartKeys
{
    public const string MasterPrefix = "master:";

    public static string Master(string masterId) => MasterPrefix + masterId;

    /// <summary>The master's id when key is a master's; null for a camera's.</summary>
    public static string? MasterOf(string key) => key.StartsWith(MasterPrefix, StringComparison.Ordinal) ? key[MasterPrefix.Length..] : null;

    /// <summary>How logs and tables name the part: "camera cam1", "master heavy".</summary>
    public static string Describe(string key) => MasterOf(key) is { } master ? "master " + master : "camera " + key;

    /// <summary>Every part of the topology the cluster places, by key, with the role it may run on.</summary>
    public static IReadOnlyDictionary<string, string> Placed(TopologyDefinition topology) =>
        topology.Cameras.Where(c => c.Placement is not null).Select(c => (Key: c.Id, c.Placement!.Role))
            .Concat(topology.Masters.Where(m => m.Placement is not null).Select(m => (Key: Master(m.Id), m.Placement!.Role)))
            .ToDictionary(p => p.Key, p => p.Role, StringComparer.Ordinal);
}
