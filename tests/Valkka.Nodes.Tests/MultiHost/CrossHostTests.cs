using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// The shipped main2 topology with its camera node on host A and its client nodes on host B (network
/// namespaces with their own /dev/shm; only the nodes' host addresses change): B receives the
/// cameras' encoded streams and decodes each once, in one relay, however many clients read it.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class CrossHostTests(ITestOutputHelper output)
{
    private const double CameraFps = 25;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Clients_on_another_host_analyze_at_the_cameras_rate_from_one_relay_per_camera()
    {
        // c2 reads cam1 as c1 does (two client nodes on B, one camera on A); nobody reads cam2.
        using var split = new SplitMain2("valkka.clients.c2.cameras = [cam1]");
        var (a, b, topology) = (split.A, split.B, split.Topology);
        var cameras = split.Start("cameras");
        var client1 = split.Start("client1");
        var client2 = split.Start("client2");
        var client3 = split.Start("client3");
        var clients = new[] { (client1, "c1"), (client2, "c2"), (client3, "c3") };

        // Measured after the start-up (JIT, first subscriptions) is over.
        await Wait.UntilAsync(() => clients.All(c => c.Item1.Analyzed(c.Item2) > 50), StartDeadline, "every client's first 2 s of frames");
        var rates = await Task.WhenAll(clients.Select(c => c.Item1.AnalyzedFpsAsync(c.Item2, TimeSpan.FromSeconds(6))));
        output.WriteLine($"clients on B analyzed {string.Join(", ", rates.Select(r => r.ToString("0.0")))} fps of {CameraFps} fps cameras on A");
        for (var i = 0; i < clients.Length; i++)
        {
            var (node, id) = clients[i];
            Assert.True(rates[i] >= 0.9 * CameraFps,
                $"client {id} on host B analyzed {rates[i]:0.0} fps of a {CameraFps} fps camera on host A ({node.Client(id)}):\n{node.Process.Tail()}");
        }

        // One relay, one decode per camera on B: cam1's in client1 (the first node on B that reads it), cam3's in client3.
        Assert.Single(client1.LogLines("decoding relay of camera cam1"));
        Assert.Empty(client2.LogLines("decoding relay"));
        Assert.Single(client3.LogLines("decoding relay of camera cam3"));
        Assert.Single(cameras.LogLines("subscribed to the encoded stream"), l => l.Contains("Camera cam1:"));
        var bRings = b.SharedMemoryFiles();
        Assert.Contains($"valkka.{topology.Name}.cam-cam1", bRings);
        Assert.Contains($"valkka.{topology.Name}.cam-cam3", bRings);
        Assert.DoesNotContain($"valkka.{topology.Name}.cam-cam2", bRings);
        // Nobody reads on A: its camera converts no frame (it decodes only keyframes), so it has not even made its ring.
        Assert.DoesNotContain($"valkka.{topology.Name}.cam-cam1", a.SharedMemoryFiles());

        foreach (var (node, _) in clients) await node.StopAsync();
        await cameras.StopAsync();
        Assert.Empty(a.SharedMemoryFiles());
        Assert.Empty(b.SharedMemoryFiles());
    }

    [Fact]
    public async Task A_frame_decoded_on_B_is_byte_identical_to_the_same_frame_decoded_on_A()
    {
        const string checksum = "type = \"Valkka.Nodes.Tests.Support.ChecksumAnalyzer, Valkka.Nodes.Tests\"";
        var path = $"path = \"{AppContext.BaseDirectory.TrimEnd('/')}\"";
        // cam1 read on A (client onA in node watchA) and on B (c1, through B's relay); the other cameras unread.
        using var split = new SplitMain2($$"""
            valkka.nodes.watchA { host = "{A}", port = 25540 }
            valkka.clients.onA { node = watchA, cameras = [cam1], analyzer { {{checksum}}, {{path}} } }
            valkka.clients.c1.analyzer { {{checksum}}, {{path}} }
            valkka.clients.c2.cameras = [cam1]
            valkka.clients.c3.cameras = [cam1]
            """);
        var cameras = split.Start("cameras");
        var watchA = split.Start("watchA", split.A);
        var client1 = split.Start("client1");

        Dictionary<string, string> Frames(HostedNode node) => node.Printed(ChecksumAnalyzer.Prefix)
            .Select(l => l.Split(' ')).Where(p => p[0] == "cam1" && p[1] != "-1").GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);
        await Wait.UntilAsync(() => Frames(watchA).Keys.Intersect(Frames(client1).Keys).Count() >= 100, StartDeadline,
            "100 frames of cam1 analyzed on both hosts");
        var onA = Frames(watchA);
        var onB = Frames(client1);
        var same = onA.Keys.Intersect(onB.Keys).ToList();
        Assert.All(same, index => Assert.True(onA[index] == onB[index], $"cam1's frame {index} differs between host A and host B"));

        await client1.StopAsync();
        await watchA.StopAsync();
        await cameras.StopAsync();
        Assert.Empty(split.A.SharedMemoryFiles());
        Assert.Empty(split.B.SharedMemoryFiles());
    }
}
