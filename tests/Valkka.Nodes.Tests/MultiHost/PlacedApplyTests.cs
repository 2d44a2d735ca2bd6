using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valkka.Actors.Topology;
using Valkka.Nodes.Cli;
using Valkka.Nodes.Control;
using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>
/// `valkka apply` on a cluster whose cameras are placed (issue 27, changes and status): `valkka run` on three
/// network-namespace hosts, each from its own copy of the file, five cameras placed on role edge, each with a client
/// placed with it. One apply on host A adds a camera (it is placed and starts on one host), removes one (it stops
/// where it ran, its ring unlinked, its client gone), changes one's URL (it restarts where it runs, alone), changes a
/// client's credit (only that client restarts) and gives one camera the role night that only C's node has (it moves
/// there, through no owner, counted as a move). Untouched cameras and clients keep running (same actors, same node
/// processes). Each host's status (the control socket's summary JSON, `valkka status`) and C's Prometheus metrics say
/// where each placed part runs, on which host, that it is placed, and its moves; A's live view shows the pictures of a
/// placed camera that runs on A. A second apply, which moves nothing,
/// adds client p pinned to A's node reading every placed camera: those on B and C through relays that A's node starts
/// for it. Nothing is left at the end.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class PlacedApplyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly string Valkka = Path.Combine(AppContext.BaseDirectory, "valkka.dll");
    private static readonly string[] Names = ["edgeA", "edgeB", "edgeC"];
    private const int WebPort = 8099;

    [GeneratedRegex(@"\[([\w-]+)\] node process started \(pid (\d+)\)")]
    private static partial Regex NodeStarted();

    [Fact]
    public async Task Apply_adds_removes_changes_and_moves_placed_cameras_where_they_run_and_status_shows_where()
    {
        using var network = TestNetwork.Create();
        var hosts = new[] { network.AddHost("A"), network.AddHost("B"), network.AddHost("C") };
        using var topology = TestTopology.FromText("placed-apply.conf", Text(hosts, new Dictionary<int, string>()));
        var runs = hosts.Select((h, i) => h.StartDotnet(Valkka, ["run", Copy(topology, h.Name), "--no-table", "--log",
            Path.Combine(topology.Directory, $"{h.Name}.log"), .. (i == 0 ? (string[])["--web", $"127.0.0.1:{WebPort}"] : [])])).ToArray();
        var controls = hosts.Select(h => ControlClient.Create(ControlSocketPath.For(topology.Name, h.Identity))).ToArray();
        try
        {
            var before = await UntilAsync(controls, runs, s => Enumerable.Range(1, 5).All(i => Analyzing(s, i)), "cameras 1-5 placed and analyzed");
            var pids = runs.Select(Pids).ToArray();
            var on = Enumerable.Range(1, 5).ToDictionary(i => i, i => Camera(before, i)!["node"]!.GetValue<string>());
            output.WriteLine($"placed: {string.Join(", ", on.Select(p => $"cam{p.Key} on {p.Value}"))}");
            Assert.All(Enumerable.Range(1, 5), i => Assert.Equal("placed", Camera(before, i)!["placement"]!.GetValue<string>()));
            Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(on[i], Client(before, i)!["node"]!.GetValue<string>()));
            Assert.All(Enumerable.Range(1, 5), i => Assert.Equal("with-camera", Client(before, i)!["placement"]!.GetValue<string>()));
            // A's live view shows the pictures of a placed camera that runs on A, found where the cluster runs it.
            var onA = Enumerable.Range(1, 5).First(i => on[i] == "edgeA");
            // (The view starts once the nodes run, and knows where a placed camera runs from the nodes' next reports.)
            runs[0].WaitForLine(l => l.Contains($"live view on http://127.0.0.1:{WebPort}/", StringComparison.Ordinal), Deadline, "A's live view listening");
            await Wait.UntilAsync(() => hosts[0].Run("curl", "-s", "--max-time", "4", $"http://127.0.0.1:{WebPort}/stream/cam{onA}")
                .Output.Contains("image/jpeg", StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"a picture of cam{onA} from A's live view");
            var moving = new[] { 4, 5 }.First(i => on[i] != "edgeC");
            var untouched = moving == 4 ? 5 : 4;

            // On A: cam6 added, cam2 removed, cam3's URL changed, c1's credit changed, the moving camera to role night (C only).
            var next = Path.Combine(topology.Directory, "next.conf");
            await File.WriteAllTextAsync(next, Text(hosts, new Dictionary<int, string> { [moving] = "night" }, remove: 2, add: 6, changedUrl: 3, changedCredit: 1)
                + $"\nvalkka.name = {topology.Name}\n");
            var applied = hosts[0].Run(DotnetHost.Find(), "exec", Valkka, "apply", next);
            Assert.True(applied.ExitCode == 0, $"apply on A exited {applied.ExitCode}:\n{applied.Output}\n{applied.Errors}\n{runs[0].Tail()}");
            var sinceApply = System.Diagnostics.Stopwatch.StartNew();
            output.WriteLine(applied.Output);
            // apply waited for the cluster: when it returned, A's status already placed every camera on a node of its role.
            Assert.Contains("placement carried out in ", applied.Output);
            Assert.Empty(PlacementProgress.Pending(TopologyParser.Parse(await File.ReadAllTextAsync(next), "next").Topology!, (JsonObject)await Status(controls[0])));
            foreach (var line in new[] { "added camera cam6", "removed camera cam2", "changed camera cam3 (url)", "changed client c1 (credit)",
                         $"changed camera cam{moving} (placement)", "added client c6", "removed client c2" })
                Assert.Contains(line, applied.Output);

            var after = await UntilAsync(controls, runs, s => Analyzing(s, 6) && On(s, moving) == "edgeC" && Analyzing(s, moving)
                                                                && Restarted(before, s, "cameras", "cam3") && Restarted(before, s, "clients", "c1")
                                                                && Camera(s, 2) is null && Client(s, 2) is null && Analyzing(s, 3, since: before) && Analyzing(s, 1, since: before),
                "cam6 analyzed, cam2 gone, cam3 and c1 restarted and analyzing, the moving camera on edgeC");
            output.WriteLine($"every change in effect (new clients analyzing, restarted ones analyzing again) {sinceApply.Elapsed.TotalSeconds:0.0} s after apply returned (as the test polls the hosts' status)");
            var ring = (int i) => $"valkka.{topology.Name}.{ActorPaths.CameraRingName($"cam{i}")}";
            Assert.All(hosts, h => Assert.DoesNotContain(ring(2), h.SharedMemoryFiles()));
            Assert.Equal([hosts[2]], hosts.Where(h => h.SharedMemoryFiles().Contains(ring(moving))));
            Assert.Single(hosts, h => h.SharedMemoryFiles().Contains(ring(6)));
            // Only where it runs: cam3 on the same node (its ring there alone), the moving camera moved once and is shown once.
            Assert.Equal(on[3], On(after, 3));
            Assert.Single(hosts, h => h.SharedMemoryFiles().Contains(ring(3)));
            Assert.Equal(1, Camera(after, moving)!["moves"]!.GetValue<long>());
            Assert.Equal(hosts[2].Address, Camera(after, moving)!["host"]!.GetValue<string>());
            Assert.Equal("edgeC", Client(after, moving)!["node"]!.GetValue<string>());
            Assert.Single(await Task.WhenAll(controls.Select(Status)), s => s["cameras"]?[$"cam{moving}"] is not null);
            // Untouched: the same actors (started when they were) on the same nodes, the same node processes.
            foreach (var (kind, id) in new[] { ("cameras", $"cam{untouched}"), ("clients", $"c{untouched}"), ("cameras", "cam1") })
                Assert.False(Restarted(before, after, kind, id), $"{kind} {id} restarted");
            Assert.Equal(on[untouched], On(after, untouched));
            Assert.Equal(pids, runs.Select(Pids).ToArray());
            Assert.All(await Task.WhenAll(controls.Select(Status)), s => Assert.All(s["restarts"]!.AsObject(), r => Assert.Equal(0, r.Value!.GetValue<int>())));

            // `valkka status` on C and C's metrics say the same; C's replica of the placement has every host's cameras
            // running where they run (what runs where spreads by gossip from each camera's node).
            var expected = new[] { 1, 3, 4, 5, 6 }.ToDictionary(i => $"cam{i}", i => On(after, i)!);
            await Wait.UntilAsync(async () => (await Status(controls[2]))["placement"] is JsonObject p && p.Count == expected.Count
                                              && expected.All(e => (string?)p[e.Key]?["runningOn"] == e.Value && (string?)p[e.Key]?["node"] == e.Value),
                TimeSpan.FromSeconds(30), "C's status showing where every placed camera runs");
            var status = hosts[2].Run(DotnetHost.Find(), "exec", Valkka, "status", Copy(topology, "C"));
            Assert.True(status.ExitCode == 0, $"valkka status exited {status.ExitCode}: {status.Errors}");
            output.WriteLine(status.Output);
            Assert.Matches($@"cam{moving}\s+node edgeC\s+host {Regex.Escape(hosts[2].Address)}\s+placed, 1 move\s+streaming", status.Output);
            // ... and where the cluster runs every placed camera, on every host (C's own replica of the placement).
            var placement = status.Output[status.Output.IndexOf("placement (the cluster's, every host):", StringComparison.Ordinal)..];
            foreach (var i in new[] { 1, 3, 4, 5, 6 })
            {
                var node = On(after, i)!;
                Assert.Matches($@"cam{i}\s+node {node}\s+host {Regex.Escape(hosts.Single(h => node.EndsWith(h.Name, StringComparison.Ordinal)).Address)}\s+running", placement);
            }
            Assert.DoesNotContain("cam2 ", placement);
            var metrics = hosts[2].Run("curl", "-sf", "http://127.0.0.1:9466/metrics");
            Assert.Matches(Series("valkka_placement_moves_total", $"camera=\"cam{moving}\"", "node=\"edgeC\"") + " 1", metrics.Output);
            Assert.Matches(Series("valkka_camera_placement", $"camera=\"cam{moving}\"", $"host=\"{hosts[2].Address}\"", "placement=\"placed\"") + " 1",
                metrics.Output);

            // A pinned reader that a change adds, with nothing moving: A's node starts the relays of the cameras on B and C for it.
            var withReader = Path.Combine(topology.Directory, "with-reader.conf");
            await File.WriteAllTextAsync(withReader, Text(hosts, new Dictionary<int, string> { [moving] = "night" }, remove: 2, add: 6, changedUrl: 3, changedCredit: 1,
                pinnedReader: true) + $"\nvalkka.name = {topology.Name}\n");
            var added = hosts[0].Run(DotnetHost.Find(), "exec", Valkka, "apply", withReader);
            Assert.True(added.ExitCode == 0 && added.Output.Contains("added client p", StringComparison.Ordinal), $"apply of p exited {added.ExitCode}:\n{added.Output}\n{added.Errors}");
            await UntilAsync(controls, runs, s => new[] { 1, 3, 4, 5, 6 }.All(i => (long?)s["clients"]?["p"]?["perCamera"]?[$"cam{i}"]?["analyzed"] > 10),
                "p analyzing every placed camera, those of B and C through A's relays");
            Assert.All(new[] { 1, 3, 4, 5, 6 }.Where(i => On(after, i) != "edgeA"),
                i => Assert.Contains($"valkka.{topology.Name}.{ActorPaths.PlacedRelayRingName($"cam{i}")}", hosts[0].SharedMemoryFiles()));

            foreach (var run in runs) run.Terminate();
            foreach (var run in runs) Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, $"valkka run exited uncleanly:\n{run.Tail()}");
            Assert.All(hosts, h => Assert.Empty(h.SharedMemoryFiles()));
        }
        catch
        {
            foreach (var (run, host) in runs.Zip(hosts)) output.WriteLine($"--- run on {host.Name} ---\n{run.Tail(120)}");
            throw;
        }
        finally
        {
            foreach (var control in controls) control.Dispose();
        }
    }

    // A series of metric with these labels (in any order).
    private static string Series(string metric, params string[] labels) =>
        Regex.Escape(metric) + @"\{" + string.Concat(labels.Select(l => $"(?=[^}}]*{Regex.Escape(l)})")) + "[^}]*}";

    // The hosts' statuses merged: each host's run shows the parts its own nodes run.
    private static async Task<JsonObject> UntilAsync(HttpClient[] controls, Valkka.TestSupport.ChildProcess[] runs, Func<JsonObject, bool> condition, string what)
    {
        JsonObject merged = new();
        await Wait.UntilAsync(async () =>
        {
            foreach (var run in runs.Where(r => r.HasExited)) throw new Xunit.Sdk.XunitException($"valkka run exited:\n{run.Tail()}");
            try { merged = Merge(await Task.WhenAll(controls.Select(Status))); }
            catch (HttpRequestException) { return false; }
            return condition(merged);
        }, Deadline, what);
        return merged;
    }

    private static JsonObject Merge(IEnumerable<JsonNode> statuses)
    {
        var (cameras, clients) = (new JsonObject(), new JsonObject());
        foreach (var s in statuses)
        {
            foreach (var (id, c) in s["cameras"]!.AsObject()) cameras[id] = c!.DeepClone();
            foreach (var (id, c) in s["clients"]!.AsObject()) clients[id] = c!.DeepClone();
        }
        return new JsonObject { ["cameras"] = cameras, ["clients"] = clients };
    }

    private static async Task<JsonNode> Status(HttpClient control) => JsonNode.Parse(await control.GetStringAsync("/api/status"))!;

    private static JsonNode? Camera(JsonNode s, int i) => s["cameras"]?[$"cam{i}"];

    private static JsonNode? Client(JsonNode s, int i) => s["clients"]?[$"c{i}"];

    private static string? On(JsonNode s, int i) => Camera(s, i)?["node"]?.GetValue<string>();

    // The client analyzes on its camera's node (and more than it had in since).
    private static bool Analyzing(JsonNode s, int i, JsonNode? since = null) =>
        Client(s, i)?["analyzed"]?.GetValue<long>() > (since is null ? 10 : Client(since, i)!["analyzed"]!.GetValue<long>() + 10)
        && Client(s, i)!["node"]!.GetValue<string>() == On(s, i);

    private static bool Restarted(JsonNode before, JsonNode after, string kind, string id) =>
        after[kind]?[id]?["startedAtUnixMs"]?.GetValue<long>() is { } now && now != before[kind]![id]!["startedAtUnixMs"]!.GetValue<long>();

    private static Dictionary<string, int> Pids(Valkka.TestSupport.ChildProcess run) =>
        run.Lines.Select(l => NodeStarted().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups[2].Value));

    // Each host has its own copy of the file (its own checkout).
    private static string Copy(TestTopology topology, string folder)
    {
        var path = Path.Combine(topology.Directory, folder, "site.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) File.Copy(topology.Path, path);
        return path;
    }

    private static string Text(TestHost[] hosts, Dictionary<int, string> roles, int remove = 0, int add = 0, int changedUrl = 0, int changedCredit = 0,
        bool pinnedReader = false)
    {
        const string analyzer = """analyzer { type = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples", path = "$ROOT/artifacts/samples/Valkka.Samples" }""";
        var text = new StringBuilder("valkka {\n  insecure = on\n  metrics { port = 9464 }\n  nodes {\n");
        for (var i = 0; i < hosts.Length; i++)
            text.AppendLine($"    {Names[i]} {{ host = \"{hosts[i].Address}\", port = 25570, roles = [{(i == 2 ? "edge, night" : "edge")}] }}");
        text.AppendLine("  }\n  cameras {");
        var cameras = Enumerable.Range(1, 5).Append(add).Where(i => i > 0 && i != remove).ToList();
        foreach (var i in cameras)
            text.AppendLine($"    cam{i} {{ url = \"synthetic://testsrc2?size={(i == changedUrl ? "176x144" : "160x120")}&fps=5&codec=h264\", ring-slots = 4, " +
                            $"placement {{ role = {roles.GetValueOrDefault(i, "edge")} }} }}");
        text.AppendLine("  }\n  clients {");
        foreach (var i in cameras)
            text.AppendLine($"    c{i} {{ placement = with-camera, cameras = [cam{i}]{(i == changedCredit ? ", credit = 3" : "")}, {analyzer} }}");
        if (pinnedReader) text.AppendLine($"    p {{ node = edgeA, cameras = [{string.Join(", ", cameras.Select(i => $"cam{i}"))}], {analyzer} }}");
        text.AppendLine("  }\n}");
        return text.ToString().Replace("$ROOT", RepoPaths.Root);
    }
}
