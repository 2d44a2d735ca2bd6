using System.Text.Json.Nodes;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.Control;

/// <summary>
/// `valkka apply` against a running `valkka run` of 8 cameras, each read by a client in its own node: what the
/// change adds, removes and changes starts and stops; nothing else is touched (same node processes, no frame
/// skipped or stale because of it); an invalid file changes nothing; SIGHUP applies the run's own file again.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class LiveChangeTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Apply_starts_and_stops_only_what_changed_and_an_invalid_file_or_SIGHUP_behave()
    {
        using var topology = TestTopology.FromText("live.conf", LiveChangeTopology.Text(Enumerable.Range(1, 8)));
        using var controlled = new ControlledRun(topology);
        var run = controlled.Process;
        await AnalyzingAsync(controlled, Enumerable.Range(1, 8));
        var pidsBefore = controlled.NodePids();
        var before = await controlled.StatusAsync();

        // cam9 and cam10 with their clients and nodes added, cam8 with c8 and client8 removed, c1's analyzer setting changed.
        var next = Path.Combine(topology.Directory, "next.conf");
        await File.WriteAllTextAsync(next, Named(topology, LiveChangeTopology.Text([.. Enumerable.Range(1, 7), 9, 10],
            new Dictionary<int, string> { [1] = "log-every = 50" })));
        var (code, output) = await ValkkaCli.RunAsync(Deadline, "apply", next);
        Assert.True(code == 0, $"apply exited {code}:\n{output}\n{run.Tail()}");
        foreach (var line in new[] { "added camera cam9", "added camera cam10", "removed camera cam8", "changed client c1 (analyzer)",
                     "added client c9", "added client c10", "removed client c8", "added node client9", "removed node client8" })
            Assert.Contains(line, output);

        await AnalyzingAsync(controlled, [1, 9, 10]);
        await Wait.UntilAsync(() => !File.Exists(RingPaths.For(topology.Name, ActorPaths.CameraRingName("cam8"))), Deadline, "cam8's ring unlinked");
        var after = await controlled.StatusAsync();
        var pidsAfter = controlled.NodePids();
        foreach (var client in Enumerable.Range(2, 6).Select(i => $"c{i}"))
        {
            Assert.Equal(pidsBefore[$"client{client[1..]}"], pidsAfter[$"client{client[1..]}"]);
            // Not "skipped" (busy: a frame came while the analyzer still ran the previous one): on 2 cores two nodes
            // starting for the change and the other test lane can take an untouched client's CPU for a frame's time
            // (c3 skipped 1 in a CI run at load 10). Stale announcements would mean the change reached its channel.
            foreach (var counter in new[] { "stale" })
                Assert.True(Long(after, client, counter) == Long(before, client, counter),
                    $"{client} {counter}: {Long(before, client, counter)} before the change, {Long(after, client, counter)} after\n{run.Tail()}");
            Assert.True(Long(after, client, "analyzed") > Long(before, client, "analyzed"), $"{client} stopped analyzing");
        }
        Assert.Null(after["clients"]!["c8"]);
        log.WriteLine(output);

        // An invalid file changes nothing and names the key.
        var invalid = Path.Combine(topology.Directory, "invalid.conf");
        await File.WriteAllTextAsync(invalid, Named(topology, LiveChangeTopology.Text([1, 2]).Replace("node = client2", "node = nowhere")));
        (code, output) = await ValkkaCli.RunAsync(Deadline, "apply", invalid);
        Assert.True(code == 2, $"apply of an invalid file exited {code}:\n{output}");
        Assert.Contains("valkka.clients.c2.node", output);
        Assert.Equal(9, (await controlled.StatusAsync())["cameras"]!.AsObject().Count);

        // SIGHUP applies the run's own file: written now without cam10.
        await File.WriteAllTextAsync(topology.Path, Named(topology, LiveChangeTopology.Text([.. Enumerable.Range(1, 7), 9])));
        Assert.True(ProcessSignals.Hangup(run.Pid));
        // The apply's line first: when it does not come, the run's own output says why (it failed 3 times in suites
        // under load waiting for cam10's ring, with no output to tell whether the SIGHUP was handled at all).
        run.WaitForLine(l => l.Contains("applied version 3"), Deadline, "the SIGHUP's apply");
        await Wait.UntilAsync(() => !File.Exists(RingPaths.For(topology.Name, ActorPaths.CameraRingName("cam10"))), Deadline, "cam10 removed after SIGHUP");

        run.Terminate();
        Assert.Equal(0, await run.WaitForExitAsync(RunChecks.RunDeadline));
        Assert.Empty(topology.RingsLeft());
    }

    private static string Named(TestTopology topology, string text) => text.Replace("$ROOT", RepoPaths.Root) + $"\nvalkka.name = {topology.Name}\n";

    private static Task AnalyzingAsync(ControlledRun run, IEnumerable<int> clients)
    {
        var ids = clients.Select(i => $"c{i}").ToList();
        return run.UntilAsync(s => ids.All(id => ControlledRun.Long(s, "clients", id, "analyzed") > 10), $"clients {string.Join(", ", ids)} analyzing");
    }

    private static long Long(JsonNode status, string client, string counter) => status["clients"]![client]![counter]!.GetValue<long>();
}
