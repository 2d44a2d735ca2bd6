using System.Text;
using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// Cameras placed by the cluster (issue 27): three hosts with one node of role edge each, twelve synthetic cameras
/// with placement { role = edge }, each with a client placed with it. The placement spreads them 4/4/4 and every
/// client analyzes on its camera's node. Host C is lost (its node killed, its link cut): the split-brain resolver
/// downs it and its four cameras, with their clients, analyze on A and B. C returns: it rejoins and takes cameras
/// again, one at a time. No camera ever runs on two nodes at once (a camera's ring exists in one /dev/shm), and
/// nothing is left in any /dev/shm at the end.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PlacementTests(ITestOutputHelper output)
{
    private const int Cameras = 12;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Twelve_placed_cameras_spread_4_4_4_move_off_a_lost_host_and_back_when_it_returns()
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        var names = new[] { "edgeA", "edgeB", "edgeC" };
        using var topology = TestTopology.FromText("placed.conf", Topology(hosts));
        var nodes = hosts.Select((h, i) => new HostedNode(h, topology.Path, names[i])).ToArray();
        var ids = Enumerable.Range(1, Cameras).Select(i => $"cam{i:00}").ToList();

        // Every 300 ms: no camera's ring in two hosts' /dev/shm (C's only once its node runs: a killed node leaves its rings
        // until its next start sweeps them).
        using var sampling = new CancellationTokenSource();
        var twice = new List<string>();
        var watched = new HashSet<TestHost>(hosts);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                TestHost[] now;
                lock (watched) now = [.. watched];
                var rings = now.Select(h => h.SharedMemoryFiles()).ToList();
                foreach (var id in ids.Where(id => rings.Count(f => f.Any(r => r.EndsWith($".cam-{id}", StringComparison.Ordinal))) > 1))
                    lock (twice) twice.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {id}");
                await Task.Delay(300);
            }
        });
        try
        {
            await Scenario(hosts, names, topology, nodes, ids, watched);
        }
        catch (Exception)
        {
            foreach (var node in nodes) File.WriteAllText($"/tmp/placement-{node.Node}.log", node.Process.Output);
            throw;
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }
        Assert.True(twice.Count == 0, $"a camera's ring on two hosts at once: {string.Join(", ", twice)}");
    }

    private async Task Scenario(TestHost[] hosts, string[] names, TestTopology topology, HostedNode[] nodes, List<string> ids, HashSet<TestHost> watched)
    {
        // 4/4/4, every client analyzing on its camera's node.
        await Wait.UntilAsync(() => Spread(nodes).Sum() == Cameras && AllAnalyzing(nodes, ids), Deadline, "12 cameras placed and analyzed");
        output.WriteLine($"placed: {string.Join("/", Spread(nodes))}");
        Assert.Equal([4, 4, 4], Spread(nodes));
        AssertOneOwner(hosts, ids);

        // Host C lost: every process there killed, its link cut.
        var lostCameras = nodes[2].Reports().Last().Cameras.Select(c => c.Id).ToList();
        var movesBefore = ids.ToDictionary(id => id, id => Latest(Owner(nodes, id)!).Cameras.Single(c => c.Id == id).Moves);
        var analyzedBefore = ids.ToDictionary(id => id, id => Owner(nodes, id)?.Analyzed(ClientOf(id)) ?? 0);
        lock (watched) watched.Remove(hosts[2]);
        nodes[2].Process.Kill();
        hosts[2].CutLink();
        var lost = System.Diagnostics.Stopwatch.StartNew();
        var survivors = nodes.Take(2).ToArray();
        await Wait.UntilAsync(() => lostCameras.All(id => survivors.Any(n => Latest(n).Cameras.Any(c => c.Id == id))
                                                         && survivors.Any(n => n.Analyzed(ClientOf(id)) > 10)),
            Deadline, $"C's cameras {string.Join(", ", lostCameras)} analyzed on A and B");
        output.WriteLine($"after C was lost: {string.Join("/", Spread(survivors))}; its cameras analyzed again on A and B {lost.Elapsed.TotalSeconds:0.0} s after the kill (as the test sees the stats lines, a second apart)");
        Assert.Equal(Cameras, Spread(survivors).Sum());
        AssertOneOwner(hosts.Take(2), ids);
        // Each row says where it runs and that it was placed; C's cameras moved once more (a start that waited for members
        // may have evened out the load before).
        await Wait.UntilAsync(() => lostCameras.All(id => Owner(survivors, id) is { } n && Latest(n).Cameras.Single(c => c.Id == id).Moves == movesBefore[id] + 1),
            Deadline, "C's cameras counted as moved once more");
        foreach (var node in survivors)
        {
            Assert.All(Latest(node).Cameras, c => Assert.Equal(("placed", node.Host.Address), (c.Placement, c.Host)));
            Assert.All(Latest(node).Clients, c => Assert.Equal(("with-camera", node.Host.Address), (c.Placement, c.Host)));
            Assert.All(Latest(node).Cameras.Where(c => !lostCameras.Contains(c.Id)), c => Assert.Equal(movesBefore[c.Id], c.Moves));
        }

        // C returns and takes cameras again.
        hosts[2].RestoreLink();
        nodes[2] = new HostedNode(hosts[2], topology.Path, names[2]);
        nodes[2].Process.WaitForLine("@valkka-stats ", Deadline);
        lock (watched) watched.Add(hosts[2]);
        await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([4, 4, 4]) && AllAnalyzing(nodes, ids), Deadline, "4/4/4 again after C returned");
        AssertOneOwner(hosts, ids);
        Assert.True(nodes[2].LogLines("placement: camera").Count >= 1);

        foreach (var node in nodes) await node.StopAsync();
        foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
    }

    private static string ClientOf(string camera) => "c" + camera[3..];

    private static Valkka.Nodes.Stats.NodeReport Latest(HostedNode node) =>
        node.Reports().LastOrDefault() ?? new Valkka.Nodes.Stats.NodeReport(node.Node, 0, [], [], []);

    private static int[] Spread(IEnumerable<HostedNode> nodes) => nodes.Select(n => Latest(n).Cameras.Count).ToArray();

    private static HostedNode? Owner(IEnumerable<HostedNode> nodes, string camera) => nodes.FirstOrDefault(n => Latest(n).Cameras.Any(c => c.Id == camera));

    private static bool AllAnalyzing(IEnumerable<HostedNode> nodes, IEnumerable<string> cameras) =>
        cameras.All(id => Owner(nodes, id) is { } owner && Latest(owner).Clients.Any(c => c.Id == ClientOf(id) && c.Analyzed > 0));

    // A camera's ring exists in at most one host's /dev/shm.
    private static void AssertOneOwner(IEnumerable<TestHost> hosts, IEnumerable<string> cameras)
    {
        var rings = hosts.Select(h => h.SharedMemoryFiles()).ToList();
        foreach (var id in cameras)
            Assert.True(rings.Count(files => files.Any(f => f.EndsWith($".cam-{id}", StringComparison.Ordinal))) <= 1, $"camera {id}'s ring on two hosts");
    }

    private static string Topology(TestHost[] hosts)
    {
        var text = new StringBuilder("valkka {\n  insecure = on\n  nodes {\n");
        var names = new[] { "edgeA", "edgeB", "edgeC" };
        for (var i = 0; i < hosts.Length; i++) text.AppendLine($"    {names[i]} {{ host = \"{hosts[i].Address}\", port = 25560, roles = [edge] }}");
        text.AppendLine("  }\n  cameras {");
        for (var i = 1; i <= Cameras; i++)
            text.AppendLine($"    cam{i:00} {{ url = \"synthetic://testsrc2?size=160x120&fps=5&codec=h264\", ring-slots = 4, placement {{ role = edge }} }}");
        text.AppendLine("  }\n  clients {");
        for (var i = 1; i <= Cameras; i++)
            text.AppendLine($"    c{i:00} {{ placement = with-camera, cameras = [cam{i:00}], analyzer {{ type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", path = \"$ROOT/artifacts/samples/Valkka.Samples\" }} }}");
        text.AppendLine("  }\n}");
        return text.ToString();
    }
}
