using Valkka.Nodes.Tests.Support;
using static Valkka.Nodes.Tests.Support.PlacedCameras;
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
        using var topology = TestTopology.FromText("placed.conf", PlacedCameras.Topology(hosts, Cameras, fps: 5));

        // Every 300 ms: no camera's ring in two hosts' /dev/shm (C's only while its node runs).
        await RunWatchedAsync("placement", output, hosts, topology, Cameras, (nodes, rings) => Scenario(hosts, topology, nodes, rings));
    }

    private async Task Scenario(TestHost[] hosts, TestTopology topology, HostedNode[] nodes, RingOwners rings)
    {
        var ids = Ids(Cameras);
        // 4/4/4, every client analyzing on its camera's node.
        await Wait.UntilAsync(() => Spread(nodes).Sum() == Cameras && AllAnalyzing(nodes, ids), Deadline, "12 cameras placed and analyzed");
        output.WriteLine($"placed: {string.Join("/", Spread(nodes))}");
        Assert.Equal([4, 4, 4], Spread(nodes));
        Assert.Empty(RingOwners.OnTwoHostsNow(hosts, ids));

        // Host C lost: every process there killed, its link cut.
        var lostCameras = nodes[2].Latest().Cameras.Select(c => c.Id).ToList();
        var movesBefore = ids.ToDictionary(id => id, id => Owner(nodes, id)!.Latest().Cameras.Single(c => c.Id == id).Moves);
        rings.Unwatch(hosts[2]);
        nodes[2].Process.Kill();
        hosts[2].CutLink();
        var lost = System.Diagnostics.Stopwatch.StartNew();
        var survivors = nodes.Take(2).ToArray();
        await Wait.UntilAsync(() => lostCameras.All(id => survivors.Any(n => n.Latest().Cameras.Any(c => c.Id == id))
                                                         && survivors.Any(n => n.Analyzed(ClientOf(id)) > 10)),
            Deadline, $"C's cameras {string.Join(", ", lostCameras)} analyzed on A and B");
        output.WriteLine($"after C was lost: {string.Join("/", Spread(survivors))}; its cameras analyzed again on A and B {lost.Elapsed.TotalSeconds:0.0} s after the kill (as the test sees the stats lines, a second apart)");
        Assert.Equal(Cameras, Spread(survivors).Sum());
        Assert.Empty(RingOwners.OnTwoHostsNow(hosts.Take(2), ids));
        // Each row says where it runs and that it was placed; C's cameras moved once more (a start that waited for members
        // may have evened out the load before).
        await Wait.UntilAsync(() => lostCameras.All(id => Owner(survivors, id) is { } n && n.Latest().Cameras.Single(c => c.Id == id).Moves == movesBefore[id] + 1),
            Deadline, "C's cameras counted as moved once more");
        foreach (var node in survivors)
        {
            Assert.All(node.Latest().Cameras, c => Assert.Equal(("placed", node.Host.Address), (c.Placement, c.Host)));
            Assert.All(node.Latest().Clients, c => Assert.Equal(("with-camera", node.Host.Address), (c.Placement, c.Host)));
            Assert.All(node.Latest().Cameras.Where(c => !lostCameras.Contains(c.Id)), c => Assert.Equal(movesBefore[c.Id], c.Moves));
        }

        // C returns and takes cameras again.
        hosts[2].RestoreLink();
        nodes[2] = new HostedNode(hosts[2], topology.Path, EdgeOf(hosts[2]));
        nodes[2].Process.WaitForLine("@valkka-stats ", Deadline);
        rings.Watch(hosts[2]);
        await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([4, 4, 4]) && AllAnalyzing(nodes, ids), Deadline, "4/4/4 again after C returned");
        Assert.Empty(RingOwners.OnTwoHostsNow(hosts, ids));
        Assert.True(nodes[2].LogLines("placement: camera").Count >= 1);

        // A node that stops stops its cameras before it leaves (the others place them once it has left).
        var lastOnA = nodes[0].Latest().Cameras.Select(c => c.Id).ToList();
        foreach (var node in nodes) await node.StopAsync();
        Assert.All(lastOnA, id => Assert.Single(nodes[0].LogLines($"placement: camera {id} stopped on node edgeA (this node stops)")));
        foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
    }
}
