namespace Valkka.Actors.Topology;

/// <summary>The cluster { seed-nodes = [...] } key: parsed, and checked against the nodes.</summary>
internal static class ClusterKeys
{
    private static readonly string[] Keys = ["seed-nodes"];

    public static ClusterDefinition? Read(HoconSection root, IReadOnlyList<NodeDefinition> nodes)
    {
        var section = root.Object("cluster", required: false);
        if (section is null) return null;
        section.RejectUnknownKeys(Keys);
        var seeds = section.StringList("seed-nodes", required: false) ?? [];
        foreach (var seed in seeds.Where(s => nodes.All(n => n.Name != s)))
            section.Error("seed-nodes", $"no node \"{seed}\" (known: {string.Join(", ", nodes.Select(n => n.Name))})");
        if (section.Has("seed-nodes") && seeds.Count == 0) section.Error("seed-nodes", "must name at least one node (or leave the key out for the default)");
        return new ClusterDefinition(seeds.Distinct().ToList());
    }
}
