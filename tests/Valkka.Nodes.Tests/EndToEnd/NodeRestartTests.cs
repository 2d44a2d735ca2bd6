using System.Text.RegularExpressions;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>A client node killed with kill -9 during a run is restarted and picks its camera up again.</summary>
public partial class NodeRestartTests
{
    [GeneratedRegex(@"\[client1\] node process started \(pid (\d+)\)")]
    private static partial Regex Client1Started();

    [Fact]
    public async Task A_client_node_killed_with_SIGKILL_is_restarted_and_its_frames_resume_within_5_s()
    {
        using var topology = TestTopology.FromShipped("main2");
        // 20 s: the node is killed a few seconds in, and the run goes on long enough after its return.
        using var run = ValkkaCli.Start(RunChecks.RunArguments(topology).Select(a => a == "10s" ? "20s" : a).ToArray());

        await Wait.UntilAsync(() => run.Lines.Any(l => l.Contains("clients attached after")) || run.HasExited,
            TimeSpan.FromSeconds(90), "every node up and every camera streaming");
        Assert.False(run.HasExited, run.Tail());
        await Task.Delay(TimeSpan.FromSeconds(3)); // let c1 analyze for a while first
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
        var recovery = recoveries.Single()!.GetValue<double>();
        Assert.True(recovery <= 5.0, $"c1 analyzed frames again only {recovery:0.0}s after its node died:\n{output}");

        // The dead reader's registration (and with it its leases) was reclaimed by the camera:
        // only the restarted client reads cam1 now.
        var cam1 = summary.Camera("cam1");
        Assert.Equal(1, RunSummaryFile.Long(cam1, "readers"));
        RunChecks.AssertHealthy(topology, summary, output);
    }
}
