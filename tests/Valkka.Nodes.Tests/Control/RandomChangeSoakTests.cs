using System.Text;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Xunit.Abstractions;
using static Valkka.Nodes.Tests.Control.ControlledRun;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// A short soak of live changes: random adds, removes and analyzer changes of extra cameras and clients (in a node
/// of their own) applied one after the other to a running topology. No change fails; the base cameras and clients
/// are untouched (same node processes, no frame skipped, stale, dropped or lost); nothing is left behind.
/// `valkka bench apply` runs the long version (200 cycles, with memory).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RandomChangeSoakTests(ITestOutputHelper log)
{
    private const int Cycles = 24;

    [Fact]
    public async Task Random_changes_touch_only_what_they_name_and_leave_nothing_behind()
    {
        using var topology = TestTopology.FromText("soak.conf", Text(new Dictionary<int, int>()));
        using var run = new ControlledRun(topology);
        await run.UntilAsync(s => new[] { "c1", "c2" }.All(c => Long(s, "clients", c, "analyzed") > 10), "c1 and c2 analyzing");
        var pids = run.NodePids();
        var before = await run.StatusAsync();

        var random = new Random(7);
        var extras = new Dictionary<int, int>();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var j = 1 + random.Next(4);
            if (!extras.ContainsKey(j)) extras[j] = 0;
            else if (random.Next(2) == 0) extras.Remove(j);
            else extras[j]++;
            var answer = await run.ApplyAsync(Text(extras));
            Assert.True(answer["failures"]!.AsArray().Count == 0, $"cycle {cycle}: {answer}\n{run.Process.Tail()}");
        }
        await run.UntilAsync(s => extras.Keys.All(j => Long(s, "clients", $"cx{j}", "analyzed") > 0), "the remaining extra clients analyzing");
        await run.ApplyAsync(Text(new Dictionary<int, int>()));
        await run.UntilAsync(s => Long(s, "clients", "c1", "analyzed") > Long(before, "clients", "c1", "analyzed") + 10, "c1 analyzing on");

        var after = await run.StatusAsync();
        Assert.Equal(pids.Where(p => p.Key != "extra"), run.NodePids().Where(p => p.Key != "extra"));
        foreach (var (kind, id, counter) in new[] { "c1", "c2" }.SelectMany(c => new[] { ("clients", c, "skipped"), ("clients", c, "stale") })
                     .Concat(new[] { "cam1", "cam2" }.SelectMany(c => new[] { ("cameras", c, "dropped"), ("cameras", c, "lost"), ("cameras", c, "discardedBehind") })))
            Assert.True(Long(after, kind, id, counter) == Long(before, kind, id, counter),
                $"{kind} {id} {counter}: {Long(before, kind, id, counter)} before the changes, {Long(after, kind, id, counter)} after");
        var cameras = after["cameras"]!.AsObject().Select(c => c.Key).Order().ToList();
        Assert.True(cameras.SequenceEqual(["cam1", "cam2"]), $"cameras after the changes: {string.Join(", ", cameras)}\n{run.Process.Tail(60)}");
        Assert.DoesNotContain(topology.RingsLeft(), r => r.Contains(".cam-x", StringComparison.Ordinal));
        log.WriteLine($"{Cycles} changes applied; base node pids unchanged: {string.Join(", ", pids.Select(p => $"{p.Key}={p.Value}"))}");

        run.Process.Terminate();
        Assert.Equal(0, await run.Process.WaitForExitAsync(RunChecks.RunDeadline));
        Assert.Empty(topology.RingsLeft());
        Assert.All(run.NodePids().Values, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"node process {pid} still runs"));
    }

    // cam1, cam2 read by c1, c2 in their own nodes (credit 4, as main2: a client descheduled for a moment on a busy machine
    // catches up rather than skipping); extra camera xJ with client cxJ (analyzer setting variant) in node "extra".
    private static string Text(IReadOnlyDictionary<int, int> extras)
    {
        const string Analyzer = "analyzer { type = \"Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples\", path = \"$ROOT/artifacts/samples/Valkka.Samples\"";
        var text = new StringBuilder("valkka {\n  nodes {\n    cameras { port = 20000 }\n    client1 { port = 20001 }\n    client2 { port = 20002 }\n    extra { port = 20003 }\n  }\n  cameras {\n");
        foreach (var id in new[] { "cam1", "cam2" }.Concat(extras.Keys.Select(j => $"x{j}")))
            text.Append($"    {id} {{ url = \"synthetic://testsrc2?size=320x180&fps=10&codec=h264\", node = {(id.StartsWith('x') ? "extra" : "cameras")} }}\n");
        text.Append("  }\n  clients {\n");
        text.Append($"    c1 {{ node = client1, credit = 4, cameras = [cam1], {Analyzer} }} }}\n    c2 {{ node = client2, credit = 4, cameras = [cam2], {Analyzer} }} }}\n");
        foreach (var (j, variant) in extras)
            text.Append($"    cx{j} {{ node = extra, cameras = [x{j}], {Analyzer}, settings {{ variant = {variant} }} }} }}\n");
        return text.Append("  }\n}\n").ToString();
    }
}
