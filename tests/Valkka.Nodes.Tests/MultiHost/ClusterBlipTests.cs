using System.Diagnostics;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// A link blip is not a death: main3 over three hosts with mutual TLS (cameras on A, clients on B, the
/// master on C), every node a member of one cluster. B's link cut, then A's, each for less than the
/// split-brain resolver's downing time: no node is downed or quarantined, no process exits (the same pids
/// throughout), and every client analyzes and gets master results again after the link's return. How soon (the
/// issue's goal: 5 s) is a timing, written to the test output and not asserted: measured through 1 s stats
/// reports it read 2.9-5.0 s in 8 runs, and belongs in a benchmark (not built yet).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ClusterBlipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    // The blip: 5 s, shorter than the downing time (ClusterConfig.DowningAfter, 7 s); the margin is for
    // the connections' and heartbeats' return after the link's on a loaded machine.
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_cut_shorter_than_the_downing_time_restarts_nothing_and_analysis_resumes_within_5_s()
    {
        using var split = new SplitShipped("main3", new Dictionary<string, string>
        {
            ["cameras"] = "A", ["client1"] = "B", ["client2"] = "B", ["client3"] = "B", ["master"] = "C",
        }, "valkka.tls { ca = \"certs/ca.crt\", certificates = \"certs\" }");
        var (certCode, certOutput) = await ValkkaCli.RunAsync(StartDeadline, "cert", split.Topology.Path);
        Assert.True(certCode == 0, certOutput);
        var cameras = split.Start("cameras");
        var master = split.Start("master");
        (HostedNode Node, string Id)[] clients = [(split.Start("client1"), "c1"), (split.Start("client2"), "c2"), (split.Start("client3"), "c3")];
        var nodes = new[] { cameras, master }.Concat(clients.Select(c => c.Node)).ToList();
        var pids = nodes.Select(n => n.Process.Pid).ToList();

        // A wait that times out says what each node logged last (its membership, relays and associations).
        async Task Until(Func<bool> condition, string what)
        {
            try { await Wait.UntilAsync(condition, StartDeadline, what); }
            catch (TimeoutException e) { throw new TimeoutException(e.Message + string.Concat(nodes.Select(n => $"\n{n.Node}:\n{n.Story()}")), e); }
        }

        await Until(() => clients.All(c => c.Node.Analyzed(c.Id) > 50 && c.Node.Client(c.Id)?.MasterResults > 0),
            "every client's first 2 s of frames and a master result for each");
        // Every node sees all five up in one cluster (over TLS); before that a peer still joining is watched by
        // remote death watch, which a cut does quarantine.
        await Until(() => nodes.All(n => n.LogLines(ClusterMembershipLog.UpPrefix + nodes.Count + ":").Count > 0),
            "every node seeing all five members up");

        foreach (var host in new[] { split.Host("B"), split.Host("A") })
        {
            var before = clients.Select(c => (Analyzed: c.Node.Analyzed(c.Id), Results: c.Node.Client(c.Id)!.MasterResults)).ToList();
            host.CutLink();
            await Task.Delay(Cut);   // the fault's length, not a wait for a condition
            var stalled = clients.Select(c => c.Node.Analyzed(c.Id)).ToList();
            host.RestoreLink();
            var back = Stopwatch.StartNew();
            await Until(() => clients.Select((c, i) => c.Node.Analyzed(c.Id) > stalled[i] + 5).All(x => x),
                $"every client's frames after host {host.Name}'s link came back");
            var resumed = back.Elapsed;
            await Until(() => clients.Select((c, i) => c.Node.Client(c.Id)!.MasterResults > before[i].Results).All(x => x),
                $"master results for every client after host {host.Name}'s link came back");
            output.WriteLine($"host {host.Name} cut for {Cut.TotalSeconds:0.0} s: every client analyzing again {resumed.TotalSeconds:0.0} s after the link came back");
        }

        Assert.Equal(pids, nodes.Select(n => n.Process.Pid));
        foreach (var node in nodes)
        {
            Assert.False(node.Process.HasExited, $"node {node.Node} exited:\n{node.Process.Tail()}");
            Assert.Empty(node.LogLines("quarantined"));
            Assert.Empty(node.LogLines("Marking unreachable node"));   // the resolver's downing
            Assert.Empty(node.LogLines("SBR is downing"));
            Assert.Empty(node.LogLines("SBR took decision"));
        }
        foreach (var (node, _) in clients) await node.StopAsync();
        await master.StopAsync();
        await cameras.StopAsync();
        foreach (var host in split.Hosts) Assert.Empty(host.SharedMemoryFiles());
    }
}
