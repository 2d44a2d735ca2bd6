using System.Diagnostics;
using System.Globalization;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;
using static Valkka.Nodes.Tests.Support.PlacedCameras;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// A restarted first seed never starts a cluster of its own (issue 27): three hosts with one node of role edge each
/// (edgeA, on A, the first seed), three synthetic cameras placed 1/1/1, each with a client placed with it. A fresh
/// start forms one cluster, started by edgeA. Then A's link is cut and edgeA's process killed and started again as
/// `valkka run` restarts a node (`--restarts 1`), still cut off: well past Akka's seed-node-timeout it is in no cluster
/// (before the fix it joined itself after 5 s, and its placement took every camera: a second owner of each) and runs
/// nothing, while B and C down the old edgeA and run its camera; the link returns, the new edgeA joins the one cluster
/// (every node sees three members up) and takes a camera again. And when every node restarts at once, all as restarts,
/// the first seed starts the cluster once every other node answered that it is in none. Every host's /dev/shm, sampled
/// every 300 ms, never shows one camera's ring on two hosts; nothing is left at the end.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class SeedRejoinTests(ITestOutputHelper output)
{
    private const int Cameras = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    // Akka's seed-node-timeout (5 s) and the placement's wait for a starting cluster (20 s) both pass in a restarted
    // first seed's first 25 s: before the fix it had started a cluster of its own and placed every camera on it by then.
    private static readonly TimeSpan CutOffAfterRestart = TimeSpan.FromSeconds(25);
    private static readonly List<string> CameraIds = Ids(Cameras);

    [Fact]
    public Task A_first_seed_restarted_while_cut_off_starts_no_cluster_of_its_own_and_joins_the_one_cluster_when_its_link_returns() =>
        OnThreeHosts(async (hosts, path, nodes) =>
        {
            await FreshStart(hosts, nodes);
            var moved = nodes[0].Latest().Cameras.Select(c => c.Id).ToList();
            var majority = nodes.Skip(1).ToArray();

            hosts[0].CutLink();
            nodes[0].Process.Kill();   // a crash while cut off; its supervisor starts it again at once, as a restart
            nodes[0] = new HostedNode(hosts[0], path, EdgeOf(hosts[0]), restarts: 1);
            nodes[0].Process.WaitForLine("@valkka-stats ", Deadline);
            var restarted = Stopwatch.StartNew();
            await Wait.UntilAsync(() => majority.All(n => MembersUp(n) == 2), Deadline, "B and C removing the old edgeA");
            await Wait.UntilAsync(() => moved.All(id => majority.Any(n => n.Latest().Clients.Any(c => c.Id == ClientOf(id) && c.Analyzed > 0))),
                Deadline, $"edgeA's cameras {string.Join(", ", moved)} analyzed on B and C");
            if (CutOffAfterRestart > restarted.Elapsed) await Task.Delay(CutOffAfterRestart - restarted.Elapsed);   // the fault's length

            Assert.Empty(nodes[0].LogLines(ClusterMembershipLog.UpPrefix));   // no cluster of its own, not even of one member
            Assert.NotEmpty(nodes[0].LogLines(RestartJoin.WaitingPrefix));    // it says that it waits, and for whom
            Assert.Empty(nodes[0].Latest().Cameras);
            hosts[0].RestoreLink();

            await Wait.UntilAsync(() => nodes.All(n => MembersUp(n) == 3), Deadline, "every node seeing three members up after the link returned");
            await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([1, 1, 1]) && AllAnalyzing(nodes, CameraIds), Deadline, "1/1/1 again after edgeA rejoined");
            Assert.Empty(nodes[0].LogLines(RestartJoin.StartsCluster));
            Assert.All(majority, n => Assert.False(n.Process.HasExited, $"node {n.Node} exited:\n{n.Process.Tail()}"));
        });

    [Fact]
    public Task Every_node_restarted_at_once_as_a_restart_forms_one_cluster_started_by_the_first_seed() =>
        OnThreeHosts(async (hosts, path, nodes) =>
        {
            await FreshStart(hosts, nodes);
            foreach (var node in nodes) node.Process.Kill();
            // Each started again as a restart, the first seed last: no node is in a cluster, and only edgeA may start one.
            for (var i = nodes.Length - 1; i >= 0; i--) nodes[i] = new HostedNode(hosts[i], path, EdgeOf(hosts[i]), restarts: 1);

            await Wait.UntilAsync(() => nodes.All(n => MembersUp(n) == 3), Deadline, "one cluster of three restarted nodes");
            await Wait.UntilAsync(() => Spread(nodes).SequenceEqual([1, 1, 1]) && AllAnalyzing(nodes, CameraIds), Deadline, "1/1/1 after every node restarted");
            Assert.Single(nodes[0].LogLines(RestartJoin.StartsCluster));
            Assert.All(nodes.Skip(1), n => Assert.Empty(n.LogLines(RestartJoin.StartsCluster)));
            Assert.All(nodes, n => Assert.Contains(FirstUpOf(hosts[0]), FirstUp(n)));   // the cluster edgeA started
        });

    private async Task OnThreeHosts(Func<TestHost[], string, HostedNode[], Task> scenario)
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        using var topology = TestTopology.FromText("seeds.conf", PlacedCameras.Topology(hosts, Cameras, fps: 10));
        await RunWatchedAsync("seeds", output, hosts, topology, Cameras, async (nodes, _) =>
        {
            await scenario(hosts, topology.Path, nodes);
            foreach (var node in nodes) await node.StopAsync();
            foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
        });
    }

    // A fresh deployment (no --restarts): edgeA, the first seed, starts the cluster and every node sees all three up.
    private static async Task FreshStart(TestHost[] hosts, HostedNode[] nodes)
    {
        await Wait.UntilAsync(() => nodes.All(n => MembersUp(n) == 3) && Spread(nodes).SequenceEqual([1, 1, 1]) && AllAnalyzing(nodes, CameraIds),
            Deadline, "a fresh start: one cluster of three, cameras placed 1/1/1 and analyzed");
        Assert.All(nodes, n => Assert.Contains(FirstUpOf(hosts[0]), FirstUp(n)));   // edgeA started it: its first member up was itself
        Assert.All(nodes, n => Assert.Empty(n.LogLines(RestartJoin.WaitingPrefix)));
    }

    // How the membership log names edgeA coming up ("members up 1: akka.tcp://valkka@10.77.0.N:25560 is up").
    private static string FirstUpOf(TestHost host) => $"{ClusterMembershipLog.UpPrefix}1: akka.tcp://valkka@{host.Address}:{Port} is up";

    private static string FirstUp(HostedNode node) => node.LogLines(ClusterMembershipLog.UpPrefix).FirstOrDefault() ?? "";

    /// <summary>The count of members up in the node's latest membership line (0 before its first).</summary>
    private static int MembersUp(HostedNode node)
    {
        if (node.LogLines(ClusterMembershipLog.UpPrefix).LastOrDefault() is not { } line) return 0;
        var count = line[(line.IndexOf(ClusterMembershipLog.UpPrefix, StringComparison.Ordinal) + ClusterMembershipLog.UpPrefix.Length)..];
        return int.Parse(count[..count.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }
}
