using System.Diagnostics;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;
using static Valkka.Nodes.Tests.Support.PlacedCameras;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// A minority partition does not leave two owners of one camera (issue 27): three hosts with one node of role edge each, six
/// synthetic cameras placed 2/2/2, each with a client placed with it. Host C's link is cut for 30 s while its node runs: C
/// stops its placed cameras (it is in a minority, <c>MinorityFence</c>) and downs itself (its process exits, as a downed
/// node does, and is started again as a supervisor would, still cut off: the new incarnation runs nothing); A and B down C
/// and its cameras, with their clients, analyze on A and B. The link returns: C's new incarnation joins and takes cameras
/// again. Every host's /dev/shm, sampled every 300 ms throughout, never shows one camera's ring on two hosts; nothing is
/// left at the end.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class MinorityPartitionTests(ITestOutputHelper output)
{
    private const int Cameras = 6;
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_host_cut_off_for_30_s_stops_its_cameras_before_the_majority_runs_them_and_takes_work_again_after()
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        using var topology = TestTopology.FromText("minority.conf", PlacedCameras.Topology(hosts, Cameras, fps: 10));
        await RunWatchedAsync("minority", output, hosts, topology, Cameras, (nodes, rings) => Scenario(hosts, topology, nodes, rings));
    }

    private async Task Scenario(TestHost[] hosts, TestTopology topology, HostedNode[] nodes, RingOwners rings)
    {
        var ids = Ids(Cameras);
        await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([2, 2, 2]) && AllAnalyzing(nodes, ids), Deadline, "6 cameras placed 2/2/2 and analyzed");
        var minority = nodes[2];
        var moved = minority.Latest().Cameras.Select(c => c.Id).ToList();

        // C cut off while its node runs: C is the minority.
        var clock = Stopwatch.StartNew();
        hosts[2].CutLink();
        var majority = nodes.Take(2).ToArray();
        await Wait.UntilAsync(() => moved.All(id => majority.Any(n => n.Latest().Clients.Any(c => c.Id == ClientOf(id) && c.Analyzed > 0))),
            Deadline, $"C's cameras {string.Join(", ", moved)} analyzed on A and B");
        var analyzedAt = clock.Elapsed;
        await Wait.UntilAsync(() => minority.Process.HasExited, Deadline, "C's node downing itself (its process exits)");
        Assert.NotEmpty(minority.LogLines("placement: this node has been in a minority"));
        Assert.NotEmpty(minority.LogLines("including myself"));   // the resolver downed C on C's own side
        foreach (var id in moved) Assert.NotEmpty(minority.LogLines($"placement: camera {id} stopped on node edgeC (this node is in a minority)"));
        output.WriteLine($"C's cameras analyzed on A and B {analyzedAt.TotalSeconds:0.0} s after the cut; " +
                         string.Join(", ", moved.Select(id => $"{id}'s ring last seen on C {Since(rings.LastSeen("C", id), clock):0.0} s after it")));

        // As a supervisor would: a new incarnation at once, still cut off; it cannot join and runs nothing.
        nodes[2] = new HostedNode(hosts[2], topology.Path, EdgeOf(hosts[2]), restarts: 1);
        nodes[2].Process.WaitForLine("@valkka-stats ", Deadline);
        if (Cut > clock.Elapsed) await Task.Delay(Cut - clock.Elapsed);   // the fault's length, not a wait for a condition
        Assert.Empty(nodes[2].Latest().Cameras);
        hosts[2].RestoreLink();

        await Wait.UntilAsync(() => nodes[2].LogLines(ClusterMembershipLog.UpPrefix + "3:").Count > 0, Deadline, "C's new incarnation joining A and B");
        await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([2, 2, 2]) && AllAnalyzing(nodes, ids), Deadline, "2/2/2 again after C returned");
        Assert.All(majority, n => Assert.False(n.Process.HasExited, $"node {n.Node} exited:\n{n.Process.Tail()}"));   // the majority ran throughout

        foreach (var node in nodes) await node.StopAsync();
        foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
    }

    private static double Since(DateTime? at, Stopwatch clock) =>
        at is { } t ? (t - (DateTime.UtcNow - clock.Elapsed)).TotalSeconds : double.NaN;
}
