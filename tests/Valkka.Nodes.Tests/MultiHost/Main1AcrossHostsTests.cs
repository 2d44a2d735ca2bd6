using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// The shipped main1 with its camera node on host A and its analysis node on host B: B relays and
/// decodes all three cameras, and its one client reads the three relay rings at the cameras' rate.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class Main1AcrossHostsTests(ITestOutputHelper output)
{
    private const double CamerasFps = 3 * 25;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task One_client_on_another_host_analyzes_three_cameras_at_their_rate_with_the_cameras_pixels()
    {
        var checksum = $"type = \"Valkka.Nodes.Tests.Support.ChecksumAnalyzer, Valkka.Nodes.Tests\", path = \"{AppContext.BaseDirectory.TrimEnd('/')}\"";
        // watchA hashes cam1's frames on A (cam2 and cam3 nobody reads on A: keyframes only there); the client hashes all three on B.
        using var split = new SplitShipped("main1", new Dictionary<string, string> { ["cameras"] = "A", ["analysis"] = "B" }, $$"""
            valkka.nodes.watchA { host = "{A}", port = 25546 }
            valkka.clients.onA { node = watchA, cameras = [cam1], analyzer { {{checksum}} } }
            valkka.clients.stats.analyzer { {{checksum}} }
            """);
        var cameras = split.Start("cameras");
        var watchA = split.Start("watchA", split.Host("A"));
        var analysis = split.Start("analysis");
        string Counters() => $"relays on B: {string.Join("; ", analysis.Reports().LastOrDefault()?.Relays ?? [])}\n" +
                             $"publishers on A: {string.Join("; ", cameras.Reports().LastOrDefault()?.Publishers ?? [])}";

        // Measured after the start-up (JIT, first subscriptions) is over.
        await Wait.UntilAsync(() => analysis.Reports().LastOrDefault() is { Relays.Count: 3 } r && r.Relays.All(x => x.Decoded > 50) && analysis.Analyzed("stats") > 50,
            StartDeadline, "2 s of every camera decoded by B's relays and analyzed");
        var fps = await analysis.AnalyzedFpsAsync("stats", TimeSpan.FromSeconds(6));
        output.WriteLine($"the client on B analyzed {fps:0.0} fps of 3 cameras of 25 fps on A");
        Assert.True(fps >= 0.9 * CamerasFps,
            $"the client on host B analyzed {fps:0.0} fps of 3 cameras of 25 fps on host A ({analysis.Client("stats")}):\n{Counters()}\n{analysis.Process.Tail()}");

        // One relay, one decode per camera, in the analysis node.
        foreach (var camera in new[] { "cam1", "cam2", "cam3" })
            Assert.Single(analysis.LogLines($"decoding relay of camera {camera}"));

        // Frame N of cam1 hashed on B is frame N hashed on A.
        await Wait.UntilAsync(() => watchA.Checksums("cam1").Keys.Intersect(analysis.Checksums("cam1").Keys).Count() >= 50, StartDeadline,
            "50 frames of cam1 analyzed on both hosts");
        var onA = watchA.Checksums("cam1");
        var onB = analysis.Checksums("cam1");
        Assert.All(onA.Keys.Intersect(onB.Keys), index => Assert.True(onA[index] == onB[index], $"cam1's frame {index} differs between host A and host B"));

        await analysis.StopAsync();
        await watchA.StopAsync();
        await cameras.StopAsync();
        foreach (var host in split.Hosts) Assert.Empty(host.SharedMemoryFiles());
    }
}
