using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// The shipped main3 over three hosts: cameras on A, clients on B, their master on C. C relays every
/// camera its master's clients read (one decode on C) and the master leases each forwarded frame from
/// C's relay ring by (camera, stream frame index).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ThirdHostMasterTests(ITestOutputHelper output)
{
    private const double CameraFps = 25;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_master_on_a_third_host_answers_every_client_from_its_own_relays_with_the_cameras_pixels()
    {
        var path = $"path = \"{AppContext.BaseDirectory.TrimEnd('/')}\"";
        // watchA hashes cam1's frames on A; the master hashes what it leases on C.
        using var split = new SplitShipped("main3", new Dictionary<string, string>
        {
            ["cameras"] = "A", ["client1"] = "B", ["client2"] = "B", ["client3"] = "B", ["master"] = "C",
        }, $$"""
            valkka.nodes.watchA { host = "{A}", port = 25545 }
            valkka.clients.onA { node = watchA, cameras = [cam1], analyzer { type = "Valkka.Nodes.Tests.Support.ChecksumAnalyzer, Valkka.Nodes.Tests", {{path}} } }
            valkka.masters.heavy.analyzer { type = "Valkka.Nodes.Tests.Support.ChecksumBatchAnalyzer, Valkka.Nodes.Tests", {{path}} }
            """);
        var cameras = split.Start("cameras");
        var watchA = split.Start("watchA", split.Host("A"));
        var master = split.Start("master");
        var clients = new[] { (split.Start("client1"), "c1"), (split.Start("client2"), "c2"), (split.Start("client3"), "c3") };

        try
        {
            await Wait.UntilAsync(() => clients.All(c => c.Item1.Analyzed(c.Item2) > 50 && c.Item1.Client(c.Item2)?.MasterResults > 0),
                StartDeadline, "every client's first 2 s of frames and a master result for each");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nmaster on C:\n{master.Process.Tail()}\nclient1 on B:\n{clients[0].Item1.Process.Tail()}", e);
        }
        var resultsBefore = clients.Select(c => c.Item1.Client(c.Item2)!.MasterResults).ToList();
        var fpsOf = await Task.WhenAll(clients.Select(c => c.Item1.AnalyzedFpsAsync(c.Item2, TimeSpan.FromSeconds(6))));
        output.WriteLine($"clients on B analyzed {string.Join(", ", fpsOf.Select(r => r.ToString("0.0")))} fps of {CameraFps} fps cameras on A");
        var rates = clients.Select((c, i) => (c.Item1, c.Item2, Row: c.Item1.Client(c.Item2)!, Fps: fpsOf[i])).ToList();
        for (var i = 0; i < clients.Length; i++)
            Assert.True(rates[i].Row.MasterResults > resultsBefore[i], $"client {rates[i].Item2} got no master result from host C in 6 s:\n{master.Process.Tail()}");

        // One relay per camera on C, in the master's node (no other node on C reads them).
        foreach (var camera in new[] { "cam1", "cam2", "cam3" })
            Assert.Single(master.LogLines($"decoding relay of camera {camera}"));
        Assert.Empty(master.LogLines("on another host"));

        // The master's pixels of frame N of cam1 are A's.
        Dictionary<string, string> Frames(HostedNode node, string prefix) => node.Printed(prefix)
            .Select(l => l.Split(' ')).Where(p => p[0] == "cam1" && p[1] != "-1").GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);
        await Wait.UntilAsync(() => Frames(master, ChecksumBatchAnalyzer.Prefix).Keys.Intersect(Frames(watchA, ChecksumAnalyzer.Prefix).Keys).Count() >= 20,
            StartDeadline, "20 frames of cam1 analyzed by the master on C and on A");
        var onA = Frames(watchA, ChecksumAnalyzer.Prefix);
        var onC = Frames(master, ChecksumBatchAnalyzer.Prefix);
        Assert.All(onA.Keys.Intersect(onC.Keys), index => Assert.True(onA[index] == onC[index], $"cam1's frame {index} differs between host A and the master on C"));

        foreach (var (node, id, row, fps) in rates)
            Assert.True(fps >= 0.9 * CameraFps, $"client {id} on host B analyzed {fps:0.0} fps of a {CameraFps} fps camera on host A ({row}):\n{node.Process.Tail()}");

        foreach (var (node, _) in clients) await node.StopAsync();
        await master.StopAsync();
        await watchA.StopAsync();
        await cameras.StopAsync();
        foreach (var host in split.Hosts) Assert.Empty(host.SharedMemoryFiles());
    }
}
