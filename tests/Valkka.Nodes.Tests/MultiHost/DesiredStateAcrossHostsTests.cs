using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// One topology run by `valkka run` on two test hosts, each from its own copy of the file: the camera node on
/// B, a client node on A reading B's camera through its relay. `valkka apply` on A of a file that adds a camera
/// on B (with a client on each host) changes B too; `valkka apply` on B of the first file removes them on both.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DesiredStateAcrossHostsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private static readonly string Valkka = Path.Combine(AppContext.BaseDirectory, "valkka.dll");

    [Fact]
    public async Task Apply_on_either_host_changes_the_parts_of_both()
    {
        using var network = TestNetwork.Create();
        var (a, b) = (network.AddHost("A"), network.AddHost("B"));
        using var topology = TestTopology.FromText("site.conf", Text(a, b, withCam2: false));
        var fileOnA = Copy(topology, "hostA");
        var fileOnB = Copy(topology, "hostB");
        var runA = a.StartDotnet(Valkka, ["run", fileOnA, "--no-table", "--log", Path.Combine(topology.Directory, "a.log")]);
        var runB = b.StartDotnet(Valkka, ["run", fileOnB, "--no-table", "--log", Path.Combine(topology.Directory, "b.log")]);
        using var statusA = ControlClient.Create(ControlSocketPath.For(topology.Name, a.Identity));
        using var statusB = ControlClient.Create(ControlSocketPath.For(topology.Name, b.Identity));
        var cam2Ring = $"valkka.{topology.Name}.{ActorPaths.CameraRingName("cam2")}";
        try
        {
            await Analyzing(statusA, "c1", runA);

            // On A: cam2 on B's camera node, read by c2 on A (through A's relay) and by c2b on B.
            var next = Path.Combine(topology.Directory, "next.conf");
            await File.WriteAllTextAsync(next, File.ReadAllText(topology.Path).Replace(Text(a, b, withCam2: false), Text(a, b, withCam2: true)));
            var applied = a.Run(DotnetHost.Find(), "exec", Valkka, "apply", next);
            Assert.True(applied.ExitCode == 0, $"apply on A exited {applied.ExitCode}:\n{applied.Output}\n{applied.Errors}\n{runA.Tail()}");
            Assert.Contains("added camera cam2", applied.Output);
            await Analyzing(statusA, "c2", runA);
            await Analyzing(statusB, "c2b", runB);
            Assert.Contains(cam2Ring, b.SharedMemoryFiles());
            runB.WaitForLine(l => l.Contains("applied version 2 (changed on host " + a.Identity), Deadline, "B applying A's version 2");

            // On B: its own first file again removes them on both hosts.
            var removed = b.Run(DotnetHost.Find(), "exec", Valkka, "apply", fileOnB);
            Assert.True(removed.ExitCode == 0, $"apply on B exited {removed.ExitCode}:\n{removed.Output}\n{removed.Errors}\n{runB.Tail()}");
            Assert.Contains("removed camera cam2", removed.Output);
            await Wait.UntilAsync(async () => (await Status(statusA))["clients"]?["c2"] is null && !a.SharedMemoryFiles().Contains(cam2Ring),
                Deadline, "c2 and A's relay ring of cam2 gone on A");
            Assert.DoesNotContain(cam2Ring, b.SharedMemoryFiles());
            Assert.Null((await Status(statusB))["clients"]?["c2b"]);
            runA.WaitForLine(l => l.Contains("applied version 3 (changed on host " + b.Identity), Deadline, "A applying B's version 3");
            Assert.True((await Status(statusA))["clients"]!["c1"]!["analyzed"]!.GetValue<long>() > 0);
            output.WriteLine(string.Join('\n', runA.Lines.Where(l => l.Contains("desired state") || l.Contains("applied version"))));

            foreach (var run in new[] { runA, runB }) run.Terminate();
            foreach (var run in new[] { runA, runB })
                Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, $"valkka run exited uncleanly:\n{run.Tail()}");
            Assert.Empty(a.SharedMemoryFiles());
            Assert.Empty(b.SharedMemoryFiles());
        }
        catch
        {
            output.WriteLine($"--- run on A ---\n{runA.Tail(80)}\n--- run on B ---\n{runB.Tail(80)}");
            throw;
        }
    }

    private static string Text(TestHost a, TestHost b, bool withCam2)
    {
        const string analyzer = """analyzer { type = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples", path = "$ROOT/artifacts/samples/Valkka.Samples" }""";
        const string url = "synthetic://testsrc2?size=320x180&fps=10&codec=h264";
        var cam2 = withCam2
            ? $$"""
               valkka.cameras.cam2 { url = "{{url}}", node = cameras }
               valkka.clients.c2 { node = watch, cameras = [cam2], {{analyzer}} }
               valkka.clients.c2b { node = cameras, cameras = [cam2], {{analyzer}} }
               """
            : "";
        return $$"""
            valkka.insecure = on
            valkka.nodes.cameras { host = "{{b.Address}}", port = 25520 }
            valkka.nodes.watch { host = "{{a.Address}}", port = 25521 }
            valkka.cameras.cam1 { url = "{{url}}", node = cameras }
            valkka.clients.c1 { node = watch, cameras = [cam1], {{analyzer}} }
            {{cam2}}
            """.Replace("$ROOT", RepoPaths.Root);
    }

    // Each host has its own copy of the file (its own checkout).
    private static string Copy(TestTopology topology, string folder)
    {
        var path = Path.Combine(topology.Directory, folder, "site.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(topology.Path, path);
        return path;
    }

    private static async Task Analyzing(HttpClient control, string client, Valkka.TestSupport.ChildProcess run) =>
        await Wait.UntilAsync(async () =>
        {
            if (run.HasExited) throw new Xunit.Sdk.XunitException($"valkka run exited:\n{run.Tail()}");
            try { return (await Status(control))["clients"]?[client]?["analyzed"]?.GetValue<long>() > 10; }
            catch (HttpRequestException) { return false; }
        }, Deadline, $"client {client} analyzing");

    private static async Task<JsonNode> Status(HttpClient control) => JsonNode.Parse(await control.GetStringAsync("/api/status"))!;
}
