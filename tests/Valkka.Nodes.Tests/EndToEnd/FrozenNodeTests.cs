using System.Globalization;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>
/// A node frozen (SIGSTOP) for longer than its peers wait before downing it (ClusterConfig.DowningAfter:
/// the cluster's failure detector, 1 s heartbeat + 3 s pause, then the split-brain resolver's 4 s of
/// stability) has been downed by them: on SIGCONT it says so and exits with code 1, so that its
/// supervisor starts a new incarnation instead of leaving a deaf node running.
/// </summary>
[Trait("Speed", "Slow")]
public class FrozenNodeTests
{
    private static readonly TimeSpan Frozen = Valkka.Actors.Node.ClusterConfig.DowningAfter + TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_node_stopped_longer_than_its_peers_wait_before_downing_it_exits_with_1_after_SIGCONT()
    {
        using var topology = TestTopology.FromShipped("main2");
        var port = FreeTcpPort.Pick().ToString(CultureInfo.InvariantCulture);
        using var node = ValkkaCli.Start("node", topology.Path, "--node", "client1", "--port", $"client1={port}");
        // Its first stats line: the node is up, its watchers too.
        node.WaitForLine("@valkka-stats ", TimeSpan.FromSeconds(60));

        ChildProcess.Run("kill", ["-STOP", node.Pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ThrowIfFailed();
        await Task.Delay(Frozen); // the fault itself: the process stays stopped this long
        ChildProcess.Run("kill", ["-CONT", node.Pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ThrowIfFailed();

        var code = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 1, $"exit code {code}:\n{node.Tail(30)}");
        Assert.Contains(node.Lines, l => l.Contains("This process did not run for", StringComparison.Ordinal));
        Assert.Empty(topology.RingsLeft());
    }
}
