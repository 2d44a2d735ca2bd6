using Valkka.Nodes.Tests.Control;
using Valkka.Nodes.Tests.LiveView;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// A SIGTERM stops a real `valkka run --in-process` cleanly: exit code 0 and no ring left. Akka's own SIGTERM hook
/// ends the nodes' actor system at the same signal, which the run took for a failure (exit code 1) before.
/// </summary>
[Trait("Speed", "Slow")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InProcessStopTests
{
    [Fact]
    public async Task A_signal_stops_an_in_process_run_with_exit_code_0_and_no_ring_left()
    {
        using var topology = TestTopology.FromText("stop.conf", LiveChangeTopology.Text([1]));
        using var run = LiveViewRun.Start(topology, "--in-process");
        run.Process.WaitForLine(l => l.Contains(" c1=", StringComparison.Ordinal) && !l.Contains(" c1=0@", StringComparison.Ordinal),
            RunChecks.RunDeadline, "c1 analyzing frames");

        run.Process.Terminate();
        var code = await run.Process.WaitForExitAsync(RunChecks.RunDeadline);
        Assert.True(code == 0, $"valkka run --in-process exited with {code} on SIGTERM:\n{RunChecks.Describe(topology, run.Process.Output)}");
        Assert.DoesNotContain(run.Process.Lines, l => l.Contains("actor system terminated", StringComparison.Ordinal));
        Assert.Empty(topology.RingsLeft());
    }
}
