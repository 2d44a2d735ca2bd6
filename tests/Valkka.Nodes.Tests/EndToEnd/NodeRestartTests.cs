using System.Text.RegularExpressions;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;
using Xunit.Abstractions;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// A client node killed with kill -9 during a run is restarted and picks its camera up again. How fast
/// is a benchmark's question (`./valkka chaos`: recovery p50/p95 in docs/RELIABILITY.md); this test
/// asserts that it happens, that nothing else restarts and that the dead reader's registration is gone.
/// </summary>
[Trait("Speed", "Slow")]
public partial class NodeRestartTests(ITestOutputHelper log)
{
    [GeneratedRegex(@"\[client1\] node process started \(pid (\d+)\)")]
    private static partial Regex Client1Started();

    [Fact]
    public async Task A_client_node_killed_with_SIGKILL_is_restarted_and_its_frames_resume()
    {
        using var topology = TestTopology.FromShipped("main2");
        // 16 s from the moment every client is attached: c1's node is killed 2 s in, and the run goes on
        // long enough after its return.
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology).Select(a => a == "10s" ? "16s" : a).ToArray());

        await Wait.UntilAsync(() => run.Lines.Any(l => l.Contains("clients attached after")) || run.HasExited,
            TimeSpan.FromSeconds(90), "every node up and every camera streaming");
        Assert.False(run.HasExited, run.Tail());
        // c1 analyzes for a while first, and dies well before the summary's window (the run's last 80 %,
        // from 3.2 s in) starts: its rate is counted from its new node's first report. Killed at 3 s, its
        // old node's last report, read just after the kill, sometimes opened the window, which then held
        // the whole outage (1 run of 50 under two busy loops).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var pid = int.Parse(run.Lines.Select(l => Client1Started().Match(l)).Last(m => m.Success).Groups[1].Value);

        Assert.True(ProcessSignals.Kill(pid));

        var code = await run.WaitForExitAsync(RunChecks.RunDeadline);
        var output = RunChecks.Describe(topology, run.Output);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{output}");
        Assert.Contains(run.Lines, l => l.Contains($"[client1] node process {pid} died (killed by SIGKILL)") && l.Contains("restarting now (restart 1)"));

        var summary = RunSummaryFile.Read(topology.SummaryPath);
        Assert.Equal(1, summary.Restarts["client1"]!.GetValue<int>());
        Assert.All(summary.Restarts.Where(r => r.Key != "client1"), r => Assert.Equal(0, r.Value!.GetValue<int>()));

        var recoveries = summary.Root["recoverySeconds"]?["client1"]?.AsArray()
                         ?? throw new Xunit.Sdk.XunitException($"no recovery of client1 recorded: {summary.Root}\n{output}");
        Assert.Single(recoveries);
        log.WriteLine($"client1 analyzed frames again {recoveries[0]!.GetValue<double>():0.0} s after its node died");

        // The dead reader's registration (and with it its leases) was reclaimed by the camera:
        // only the restarted client reads cam1 now.
        var cam1 = summary.Camera("cam1");
        Assert.Equal(1, RunSummaryFile.Long(cam1, "readers"));
        RunChecks.AssertHealthy(topology, summary, output);
    }
}
