using System.Diagnostics;
using Valkka.Nodes.Stats;
using Valkka.Nodes.Tests.Support;
using static Valkka.Nodes.Tests.Support.PlacedCameras;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// Placed cameras read by pinned parts and analyzed by a master (issue 27): hosts A, B and C each have a node of role
/// edge; C also has node hub, with master heavy and client p pinned to it, and B has node watch with clients w01..w06
/// pinned to it, one a camera. Six synthetic cameras are placed (2/2/2), each with a client placed with it; every client
/// forwards to heavy. p reads all six: those on C from their own rings, the others through hub's relays (one decode on
/// C); each w reads its camera from its ring on B or through watch's relay, and heavy finds the frames it forwards in the
/// one ring the camera has on C: its own, or hub's relay. Host A is lost (its node killed, its link cut): its cameras
/// and their clients start on B and C, heavy answers them there, p reads the one that came to C from its ring (its relay
/// stops) and the other through its relay, which finds the camera on B, and every w is answered again. A returns and
/// takes cameras back (moves): p, the w clients and heavy follow them. A camera's own ring is never on two hosts, relay
/// rings are only on B and C, nothing is left in any /dev/shm.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PlacedReadersTests(ITestOutputHelper output)
{
    private const int Cameras = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_pinned_client_and_a_master_follow_placed_cameras_and_their_clients_across_a_lost_host_and_back()
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        using var topology = TestTopology.FromText("placed-readers.conf", Topology(hosts));

        // Every 300 ms: no camera's own ring on two hosts; relay rings only on C (only hub relays).
        await RunWatchedAsync("placed-readers", output, hosts, topology, Cameras, (nodes, rings) => Scenario(hosts, topology, nodes, rings),
            (hosts[2], "hub"), (hosts[1], "watch"));
    }

    private async Task Scenario(TestHost[] hosts, TestTopology topology, HostedNode[] nodes, RingOwners rings)
    {
        var ids = Ids(Cameras);
        var (hub, watch) = (nodes[3], nodes[4]);
        var edges = nodes.Take(3).ToArray();
        await Wait.UntilAsync(() => Spread(edges).Sum() == Cameras && AllAnswered(edges, ids) && PReads(hub, ids)
                                    && ids.All(id => WatchResults(watch, id) > 0) && hub.Client("p")?.MasterResults > 0, Deadline,
            "6 cameras placed, each client answered by the master, p analyzing every camera");
        output.WriteLine($"placed: {string.Join("/", Spread(edges))}");
        Assert.Equal([2, 2, 2], Spread(edges));
        var onC = edges[2].Latest().Cameras.Select(c => c.Id).ToHashSet();
        foreach (var id in ids)
        {
            // p reads the cameras on its own host from their rings, the others from hub's relays.
            var ring = onC.Contains(id) ? $".cam-{id}" : $".relay-{id}";
            Assert.Contains(hub.LogLines($"Client p: attached to camera {id} "), l => l.Contains(ring + ",", StringComparison.Ordinal));
            Assert.Equal(onC.Contains(id) ? 0 : 1, hub.LogLines($"relay of camera {id} started").Count);
            // heavy reads one ring of each camera on C, for the clients of every host: the camera's own there, else hub's relay.
            Assert.Single(hub.LogLines($"Master heavy: leases frames of camera {id} from its {(onC.Contains(id) ? "own ring" : "relay")} on this host"));
        }

        // Host A lost: its node killed, its link cut.
        var lostCameras = edges[0].Latest().Cameras.Select(c => c.Id).ToList();
        var read = ids.ToDictionary(id => id, id => PAnalyzed(hub, id));
        var watched = ids.ToDictionary(id => id, id => WatchResults(watch, id));
        rings.Unwatch(hosts[0]);
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        edges[0].Process.Kill();
        hosts[0].CutLink();
        var lost = Stopwatch.StartNew();
        var survivors = edges.Skip(1).ToArray();
        // Their clients start anew on B and C (their counts from 0).
        await Wait.UntilAsync(() => lostCameras.All(id => Owner(survivors, id) is not null && MasterResults(survivors, id) > 2
                                                         && PAnalyzed(hub, id) > read[id] + 5 && WatchResults(watch, id) > watched[id] + 2),
            Deadline, $"A's cameras {string.Join(", ", lostCameras)} analyzed on B and C, answered by the master, read by p and their w answered again");
        output.WriteLine($"after A was lost: {string.Join("/", Spread(survivors))}; its cameras answered and read by p again {lost.Elapsed.TotalSeconds:0.0} s " +
                         "after the kill (as the test sees the stats lines, a second apart)");
        foreach (var id in lostCameras)
        {
            output.WriteLine($"  p's longest gap in {id} (moved to {Owner(survivors, id)!.Node}): {LongestGapSeconds(hub, id, killedAt - 5000):0.0} s");
            foreach (var line in Timeline(nodes.Skip(1), id, killedAt)) output.WriteLine("    " + line);
        }
        Assert.Equal(Cameras, Spread(survivors).Sum());
        var movedToC = lostCameras.Where(id => edges[2].Latest().Cameras.Any(c => c.Id == id)).ToList();
        foreach (var id in movedToC)
        {
            Assert.Single(hub.LogLines($"relay of camera {id} stopped"));
            Assert.Contains(hub.LogLines($"Client p: attached to camera {id} "), l => l.Contains($".cam-{id},", StringComparison.Ordinal));
        }
        // A timing, written out and not asserted: p's cameras that did not move should not stall.
        foreach (var id in ids.Except(lostCameras))
            output.WriteLine($"  p's longest gap in {id} (did not move): {LongestGapSeconds(hub, id, killedAt):0.0} s");

        // A returns and takes cameras back, one move at a time: p and the master follow them.
        hosts[0].RestoreLink();
        nodes[0] = edges[0] = new HostedNode(hosts[0], topology.Path, EdgeOf(hosts[0]));
        edges[0].Process.WaitForLine("@valkka-stats ", Deadline);
        rings.Watch(hosts[0]);
        var returnedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Wait.UntilAsync(() => Spread(edges).SequenceEqual([2, 2, 2]) && AllAnswered(edges, ids), Deadline, "2/2/2 again after A returned");
        var movedBack = edges[0].Latest().Cameras.Select(c => c.Id).ToList();
        read = ids.ToDictionary(id => id, id => PAnalyzed(hub, id));
        var answered = ids.ToDictionary(id => id, id => MasterResults(edges, id));
        watched = ids.ToDictionary(id => id, id => WatchResults(watch, id));
        await Wait.UntilAsync(() => ids.All(id => PAnalyzed(hub, id) > read[id] + 5 && MasterResults(edges, id) > answered[id] + 2
                                                  && WatchResults(watch, id) > watched[id] + 2), Deadline,
            "p reading and the master answering every camera and every w after the moves back");
        foreach (var id in movedBack)
            output.WriteLine($"  moved back to A: {id}; p's longest gap since A returned: {LongestGapSeconds(hub, id, returnedAt):0.0} s");

        foreach (var node in nodes) await node.StopAsync();
        foreach (var host in hosts) Assert.Empty(host.SharedMemoryFiles());
    }

    // What the nodes logged about camera since sinceUnixMs, in seconds after it: the move, the relay, p's attachments.
    private static IEnumerable<string> Timeline(IEnumerable<HostedNode> nodes, string camera, long sinceUnixMs) =>
        nodes.SelectMany(n => n.LogLines(camera).Select(l => (n.Node, Line: l)))
            .Where(p => p.Line.Contains($"placement: camera {camera} ", StringComparison.Ordinal) || p.Line.Contains($"elay of camera {camera}:", StringComparison.Ordinal)
                        || p.Line.Contains($"relay of camera {camera} ", StringComparison.Ordinal) || p.Line.Contains($"Client p: attached to camera {camera} ", StringComparison.Ordinal))
            .Select(p => (p.Node, p.Line, At: LoggedAt(p.Line)))
            .Where(p => p.At >= sinceUnixMs).OrderBy(p => p.At)
            .Select(p => $"+{(p.At - sinceUnixMs) / 1000.0:0.0} s {p.Node}: {Message(p.Line)}");

    private static string Message(string line)
    {
        var actor = line.IndexOf("][akka", StringComparison.Ordinal);
        var end = actor < 0 ? -1 : line.IndexOf("] ", actor + 1, StringComparison.Ordinal);
        return end < 0 ? line : line[(end + 2)..];
    }

    // "[INFO][12/07/2026 14:34:46.495Z][Thread ...": the time of an Akka log line (Unix ms; 0: none).
    private static long LoggedAt(string line)
    {
        var parts = line.Split('[', ']');
        return parts.Length > 3 && DateTimeOffset.TryParseExact(parts[3], "MM/dd/yyyy HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at.ToUnixTimeMilliseconds() : 0;
    }

    // Master results of the w client of the camera (pinned to watch on host B: w01 reads cam01).
    private static long WatchResults(HostedNode watch, string camera) => watch.Client("w" + camera[3..])?.MasterResults ?? 0;

    private static bool AllAnswered(IEnumerable<HostedNode> nodes, IEnumerable<string> cameras) => cameras.All(id => MasterResults(nodes, id) > 0);

    private static long PAnalyzed(HostedNode hub, string camera) =>
        hub.Client("p")?.PerCamera.FirstOrDefault(c => c.CameraId == camera)?.Analyzed ?? 0;

    private static bool PReads(HostedNode hub, IEnumerable<string> cameras) => cameras.All(id => PAnalyzed(hub, id) > 5);

    // The longest time, by the rows' own stamps since sinceUnixMs, between two rows of p in which its count of camera grew.
    private static double LongestGapSeconds(HostedNode hub, string camera, long sinceUnixMs)
    {
        var rows = hub.Reports().Select(r => r.Clients.FirstOrDefault(c => c.Id == "p")).OfType<ClientRow>()
            .Where(r => r.AtUnixMs >= sinceUnixMs)
            .Select(r => (At: r.AtUnixMs, Analyzed: r.PerCamera.FirstOrDefault(c => c.CameraId == camera)?.Analyzed ?? 0)).ToList();
        long longest = 0, lastGrowth = rows.FirstOrDefault().At, last = rows.FirstOrDefault().Analyzed;
        foreach (var (at, analyzed) in rows.Skip(1))
        {
            if (analyzed <= last) continue;
            longest = Math.Max(longest, at - lastGrowth);
            (lastGrowth, last) = (at, analyzed);
        }
        return longest / 1000.0;
    }

    private static string Topology(TestHost[] hosts)
    {
        const string samples = "path = \"$ROOT/artifacts/samples/Valkka.Samples\"";
        var all = string.Join(", ", Ids(Cameras));
        const string forwarding = "type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", " + samples + ", settings { forward-every = 2 }";
        var watchers = string.Concat(Ids(Cameras).Select(id =>
            $"    w{id[3..]} {{ node = watch, cameras = [{id}], master = heavy, analyzer {{ {forwarding} }} }}\n"));
        return PlacedCameras.Topology(hosts, Cameras, fps: 5,
            nodes: $"    hub {{ host = \"{hosts[2].Address}\", port = 25561 }}\n    watch {{ host = \"{hosts[1].Address}\", port = 25562 }}\n",
            clientKeys: "master = heavy, ",
            analyzerKeys: ", settings { forward-every = 2 }",
            clients: $"    p {{ node = hub, cameras = [{all}], master = heavy, analyzer {{ {forwarding} }} }}\n" + watchers,
            masters: $"    heavy {{ node = hub, analyzer {{ type = \"Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples\", {samples} }} }}\n");
    }
}
