namespace Valkka.Actors.Topology;

/// <summary>The metrics { host, port } key: parsed, and checked against the nodes' own ports.</summary>
internal static class MetricsKeys
{
    private static readonly string[] Keys = ["host", "port"];

    public static MetricsDefinition? Read(HoconSection root, int nodeCount)
    {
        var section = root.Object("metrics", required: false);
        if (section is null) return null;
        section.RejectUnknownKeys(Keys);
        var host = section.Has("host") ? section.String("host", required: true) ?? TopologyParser.DefaultHost : TopologyParser.DefaultHost;
        var port = section.Int("port", MetricsDefinition.DefaultPort, 1, 65535);
        if (port + Math.Max(nodeCount, 1) - 1 > 65535)
            section.Error("port", $"port {port} leaves no room for {nodeCount} nodes (node i serves on port + i, up to 65535)");
        return new MetricsDefinition(host, port);
    }

    /// <summary>Two nodes' metrics on one port, or a node's metrics on the port a node's remoting uses.</summary>
    public static IEnumerable<TopologyError> Clashes(TopologyDefinition topology)
    {
        if (topology.Metrics is not { } metrics) yield break;
        var used = new Dictionary<int, string>();
        foreach (var node in topology.Nodes)
            if (node.Host == metrics.Host && node.Port > 0) used.TryAdd(node.Port, $"the remoting of node \"{node.Name}\"");
        foreach (var node in topology.Nodes)
        {
            var port = topology.MetricsPortOf(node.Name)!.Value;
            if (used.TryGetValue(port, out var user))
                yield return new TopologyError("valkka.metrics.port", $"the metrics of node \"{node.Name}\" would use port {port}, already used by {user}");
            else
                used[port] = $"the metrics of node \"{node.Name}\"";
        }
    }
}
