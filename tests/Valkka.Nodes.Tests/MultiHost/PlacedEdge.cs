using System.Text;
using Valkka.Nodes.Stats;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// Hosts with one node of role edge each (edgeA, edgeB, edgeC: edgeA is the first seed), synthetic cameras camNN placed by
/// role, each with a client cNN placed with it: the topology and what tests read of its nodes' reports.
/// </summary>
public static class PlacedEdge
{
    public static readonly string[] Names = ["edgeA", "edgeB", "edgeC"];

    public const int Port = 25560;

    public static List<string> CameraIds(int count) => Enumerable.Range(1, count).Select(i => $"cam{i:00}").ToList();

    public static string ClientOf(string camera) => "c" + camera[3..];

    public static NodeReport Latest(HostedNode node) => node.Reports().LastOrDefault() ?? new NodeReport(node.Node, 0, [], [], []);

    /// <summary>The count of cameras each node runs, in the nodes' order.</summary>
    public static int[] Spread(IEnumerable<HostedNode> nodes) => nodes.Select(n => Latest(n).Cameras.Count).ToArray();

    /// <summary>Each camera runs on some node whose client of it analyzed frames.</summary>
    public static bool AllAnalyzing(IEnumerable<HostedNode> nodes, IEnumerable<string> cameras) => cameras.All(id =>
        nodes.FirstOrDefault(n => Latest(n).Cameras.Any(c => c.Id == id)) is { } owner && Latest(owner).Clients.Any(c => c.Id == ClientOf(id) && c.Analyzed > 0));

    public static string TopologyText(IReadOnlyList<TestHost> hosts, IReadOnlyList<string> cameras)
    {
        var text = new StringBuilder("valkka {\n  insecure = on\n  nodes {\n");
        for (var i = 0; i < hosts.Count; i++) text.AppendLine($"    {Names[i]} {{ host = \"{hosts[i].Address}\", port = {Port}, roles = [edge] }}");
        text.AppendLine("  }\n  cameras {");
        foreach (var id in cameras)
            text.AppendLine($"    {id} {{ url = \"synthetic://testsrc2?size=160x120&fps=10&codec=h264\", ring-slots = 4, placement {{ role = edge }} }}");
        text.AppendLine("  }\n  clients {");
        foreach (var id in cameras)
            text.AppendLine($"    {ClientOf(id)} {{ placement = with-camera, cameras = [{id}], analyzer {{ type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", path = \"$ROOT/artifacts/samples/Valkka.Samples\" }} }}");
        text.AppendLine("  }\n}");
        return text.ToString();
    }
}
