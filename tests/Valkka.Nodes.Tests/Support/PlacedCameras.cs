using System.Text;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// Cameras placed by the cluster across hosted nodes, as the multi-host placement tests set them up and read them: one
/// node of role edge a host (<c>edgeA</c> on host A), synthetic cameras <c>cam01</c>... with placement { role = edge },
/// each with a client <c>c01</c>... placed with it; where each runs is read from the nodes' latest stats reports.
/// </summary>
public static class PlacedCameras
{
    /// <summary>Every edge node's remoting port (one a host).</summary>
    public const int Port = 25560;

    private const string Statistics = "type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", path = \"$ROOT/artifacts/samples/Valkka.Samples\"";

    /// <summary>cam01, cam02, ... camNN.</summary>
    public static List<string> Ids(int count) => Enumerable.Range(1, count).Select(i => $"cam{i:00}").ToList();

    /// <summary>The edge node on the host.</summary>
    public static string EdgeOf(TestHost host) => "edge" + host.Name;

    /// <summary>The client placed with the camera (c01 with cam01).</summary>
    public static string ClientOf(string camera) => "c" + camera[3..];

    /// <summary>
    /// Starts each host's edge node (and the pinned nodes, after them: the hosts they are on are the only ones where relay
    /// rings may be), runs the scenario with them while a <see cref="RingOwners"/> samples the hosts, and then asserts that no
    /// camera's ring was seen on two hosts nor a relay ring elsewhere. On a failure (or such a sighting) each node's last
    /// lines go to the test output and its whole output to /tmp/LABEL-NODE.log (a node the scenario started again in its
    /// place is the one written).
    /// </summary>
    public static async Task RunWatchedAsync(string label, ITestOutputHelper output, TestHost[] hosts, TestTopology topology, int cameras,
        Func<HostedNode[], RingOwners, Task> scenario, params (TestHost Host, string Node)[] pinned)
    {
        var nodes = hosts.Select(h => new HostedNode(h, topology.Path, EdgeOf(h)))
            .Concat(pinned.Select(p => new HostedNode(p.Host, topology.Path, p.Node))).ToArray();
        var rings = new RingOwners(hosts, Ids(cameras), relaysOn: pinned.Length == 0 ? null : pinned.Select(p => p.Host).Distinct().ToList());
        try
        {
            await scenario(nodes, rings);
        }
        catch (Exception)
        {
            WriteLogs(label, output, nodes);
            throw;
        }
        finally
        {
            await rings.DisposeAsync();
        }
        if (rings.Twice.Count > 0 || rings.StrayRelays.Count > 0) WriteLogs(label, output, nodes);
        Assert.True(rings.Twice.Count == 0, $"a camera's ring on two hosts at once: {string.Join(", ", rings.Twice)}");
        Assert.True(rings.StrayRelays.Count == 0, $"relay rings where no relay runs: {string.Join("\n", rings.StrayRelays)}");
    }

    private static void WriteLogs(string label, ITestOutputHelper output, HostedNode[] nodes)
    {
        foreach (var node in nodes)
        {
            output.WriteLine($"--- {node.Node} ---\n{node.Process.Tail()}");
            File.WriteAllText($"/tmp/{label}-{node.Node}.log", node.Process.Output);
        }
    }

    /// <summary>How many cameras each node runs, in the nodes' order.</summary>
    public static int[] Spread(IEnumerable<HostedNode> nodes) => nodes.Select(n => n.Latest().Cameras.Count).ToArray();

    /// <summary>The node that runs the camera (null: none).</summary>
    public static HostedNode? Owner(IEnumerable<HostedNode> nodes, string camera) =>
        nodes.FirstOrDefault(n => n.Latest().Cameras.Any(c => c.Id == camera));

    /// <summary>Master results of the camera's placed client on the node that runs it now (0 before, and after a move until it is answered).</summary>
    public static long MasterResults(IEnumerable<HostedNode> nodes, string camera) =>
        Owner(nodes, camera) is { } owner ? owner.Latest().Clients.FirstOrDefault(c => c.Id == ClientOf(camera))?.MasterResults ?? 0 : 0;

    /// <summary>Every camera runs on one of the nodes and its client analyzed frames there.</summary>
    public static bool AllAnalyzing(IEnumerable<HostedNode> nodes, IEnumerable<string> cameras) =>
        cameras.All(id => Owner(nodes, id) is { } owner && owner.Latest().Clients.Any(c => c.Id == ClientOf(id) && c.Analyzed > 0));

    /// <summary>
    /// The topology: an edge node a host (port 25560), the cameras (160x120 H.264 at fps, 4 ring slots) and their
    /// clients (FrameStatisticsAnalyzer). The further text goes in verbatim: <paramref name="nodes"/> and
    /// <paramref name="clients"/> as lines of those sections, <paramref name="clientKeys"/> before and
    /// <paramref name="analyzerKeys"/> inside each placed client's analyzer, <paramref name="masters"/> as that section's lines.
    /// </summary>
    public static string Topology(IReadOnlyList<TestHost> hosts, int cameras, int fps,
        string nodes = "", string clientKeys = "", string analyzerKeys = "", string clients = "", string masters = "")
    {
        var text = new StringBuilder("valkka {\n  insecure = on\n  nodes {\n");
        foreach (var host in hosts) text.AppendLine($"    {EdgeOf(host)} {{ host = \"{host.Address}\", port = {Port}, roles = [edge] }}");
        text.Append(nodes);
        text.AppendLine("  }\n  cameras {");
        foreach (var id in Ids(cameras))
            text.AppendLine($"    {id} {{ url = \"synthetic://testsrc2?size=160x120&fps={fps}&codec=h264\", ring-slots = 4, placement {{ role = edge }} }}");
        text.AppendLine("  }\n  clients {");
        foreach (var id in Ids(cameras))
            text.AppendLine($"    {ClientOf(id)} {{ placement = with-camera, cameras = [{id}], {clientKeys}analyzer {{ {Statistics}{analyzerKeys} }} }}");
        text.Append(clients);
        text.AppendLine(masters.Length == 0 ? "  }" : $"  }}\n  masters {{\n{masters}  }}");
        text.AppendLine("}");
        return text.ToString();
    }
}
