namespace Valkka.Actors.Topology;

/// <summary>The nodes { NAME { host, port, roles } } keys.</summary>
internal static class NodeKeys
{
    private static readonly string[] Keys = ["host", "port", "roles"];

    public static List<NodeDefinition> Read(HoconSection root)
    {
        var nodes = new List<NodeDefinition>();
        var section = root.Object("nodes", required: true);
        if (section is null) return nodes;
        var children = section.Children().ToList();
        if (children.Count == 0) root.Error("nodes", "must define at least one node");
        foreach (var (name, node) in children)
        {
            TopologyParser.CheckId(section, name, "node name");
            node.RejectUnknownKeys(Keys);
            var host = node.Has("host") ? node.String("host", required: true) ?? TopologyParser.DefaultHost : TopologyParser.DefaultHost;
            if (!node.Has("port")) node.Error("port", "missing required key");
            var port = node.Int("port", 0, 1, 65535);
            var roles = node.StringList("roles", required: false) ?? [];
            foreach (var role in roles) TopologyParser.CheckId(node, "roles", "role", role);
            nodes.Add(new NodeDefinition(name, host, port) { Roles = roles.Distinct().ToList() });
        }
        return nodes;
    }
}
