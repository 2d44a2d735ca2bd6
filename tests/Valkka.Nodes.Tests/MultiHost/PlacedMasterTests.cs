using System.Diagnostics;
using Valkka.Nodes.Tests.Support;
using static Valkka.Nodes.Tests.Support.PlacedCameras;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// A master placed by the cluster (issue 27): hosts A, B and C with one node of role edge each; three synthetic cameras
/// and master heavy are placed (placement { role = edge }), each camera with a client placed with it that forwards every
/// 2nd frame to heavy. Heavy weighs what its clients' cameras do together, so it gets a node to itself and its frames
/// come through the relays of its node (the cameras run on the other hosts). The master's host is lost (its node
/// killed, its link cut): heavy starts on a survivor, where one camera's frames are in its own ring and the others come
/// through relays there, and every client gets heavy's results again. The host returns and everything is answered
/// again. No camera's ring is ever on two hosts and nothing is left in any /dev/shm.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PlacedMasterTests(ITestOutputHelper output)
{
    private const int Cameras = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_placed_master_moves_off_a_lost_host_and_its_clients_are_answered_again()
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        const string heavy = "type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\", path = \"$ROOT/artifacts/samples/Valkka.Samples\"";
        using var topology = TestTopology.FromText("placed-master.conf", PlacedCameras.Topology(hosts, Cameras, fps: 5,
            clientKeys: "master = heavy, ", analyzerKeys: ", settings { forward-every = 2 }",
            masters: $"    heavy {{\n      placement {{ role = edge }}\n      analyzer {{ {heavy} }}\n    }}\n"));

        await RunWatchedAsync("placed-master", output, hosts, topology, Cameras, (nodes, rings) => Scenario(hosts, topology, nodes, rings));
    }

    private async Task Scenario(TestHost[] hosts, TestTopology topology, HostedNode[] nodes, RingOwners rings)
    {
        var ids = Ids(Cameras);
        await Wait.UntilAsync(() => MasterNode(nodes) is not null && Spread(nodes).Sum() == Cameras && ids.All(id => MasterResults(nodes, id) > 2), Deadline,
            "3 cameras and master heavy placed, every client answered by heavy");
        var first = MasterNode(nodes)!;
        output.WriteLine($"placed: cameras {string.Join("/", Spread(nodes))}, heavy on {first.Node}");
        // Heavy weighs as much as its three cameras: alone on its node, it leases every frame from a relay there.
        Assert.Empty(first.Latest().Cameras);
        Assert.Equal("placed", first.Latest().Masters.Single().Placement);
        foreach (var id in ids)
            Assert.Single(first.LogLines($"Master heavy: leases frames of camera {id} from its relay on this host"));

        // The master's host lost: its node killed, its link cut.
        var lost = Array.IndexOf(nodes, first);
        var answered = ids.ToDictionary(id => id, id => MasterResults(nodes, id));
        rings.Unwatch(hosts[lost]);
        first.Process.Kill();
        hosts[lost].CutLink();
        var clock = Stopwatch.StartNew();
        var survivors = nodes.Where((_, i) => i != lost).ToArray();
        await Wait.UntilAsync(() => MasterNode(survivors) is not null && ids.All(id => MasterResults(survivors, id) > answered[id] + 2), Deadline,
            "heavy running on a survivor and answering every client again");
        var second = MasterNode(survivors)!;
        output.WriteLine($"heavy moved to {second.Node}, every client answered again {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.Contains(second.LogLines("placement: master heavy started on node"), l => l.Contains(second.Node, StringComparison.Ordinal));
        // On its new node the cameras there are read from their own rings, the others through relays there.
        foreach (var id in ids)
        {
            var here = second.Latest().Cameras.Any(c => c.Id == id);
            Assert.NotEmpty(second.LogLines($"Master heavy: leases frames of camera {id} from its {(here ? "own ring" : "relay")} on this host"));
        }

        // The host returns: it rejoins, and every client is answered again wherever the placement puts things.
        hosts[lost].RestoreLink();
        nodes[lost] = new HostedNode(hosts[lost], topology.Path, EdgeOf(hosts[lost]));
        nodes[lost].Process.WaitForLine("@valkka-stats ", Deadline);
        rings.Watch(hosts[lost]);
        await Wait.UntilAsync(() => nodes[lost].Latest().Cameras.Count + nodes[lost].Latest().Masters.Count > 0, Deadline,
            $"host {hosts[lost].Name} taking work again");
        answered = ids.ToDictionary(id => id, id => MasterResults(nodes, id));
        await Wait.UntilAsync(() => MasterNode(nodes) is not null && ids.All(id => MasterResults(nodes, id) > answered[id] + 2), Deadline,
            "every client answered by heavy after the host returned");
        output.WriteLine($"after the return: cameras {string.Join("/", Spread(nodes))}, heavy on {MasterNode(nodes)!.Node}");

        foreach (var node in nodes) await node.StopAsync();
        foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
    }

    private static HostedNode? MasterNode(IEnumerable<HostedNode> nodes) => nodes.FirstOrDefault(n => n.Latest().Masters.Any(m => m.Id == "heavy"));
}
