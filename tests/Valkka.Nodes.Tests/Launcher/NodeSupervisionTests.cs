using System.Collections.Concurrent;
using System.Diagnostics;
using Valkka.Nodes.Launcher;
using Valkka.Nodes.Node;
using Valkka.Nodes.Stats;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Launcher;

/// <summary>The supervisor with real child processes (small shell scripts standing in for nodes).</summary>
public class NodeSupervisionTests
{
    private sealed class RecordingOutput : IRunOutput
    {
        public ConcurrentQueue<(NodeReport Report, int Incarnation)> Reports { get; } = new();
        public ConcurrentQueue<string> Logs { get; } = new();
        public ConcurrentQueue<string> Events { get; } = new();
        public void Stats(NodeReport report, int incarnation) => Reports.Enqueue((report, incarnation));
        public void Log(string node, string line) => Logs.Enqueue(line);
        public void Event(string node, string message) => Events.Enqueue(message);
        public void NodeState(string node, string state) { }
        public void Restarted(string node, int restarts) { }
    }

    private static Func<ProcessStartInfo> Shell(string script) => () =>
    {
        var info = new ProcessStartInfo("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return info;
    };

    [Fact]
    public async Task A_node_that_dies_is_restarted_with_backoff_and_its_lines_are_split_into_stats_and_logs()
    {
        var stats = StatsLine.Format(new NodeReport("n1", 1, [], [new ClientRow("c1", 5, 0, 0, 0, 25)], []));
        var output = new RecordingOutput();
        var node = new NodeProcess("n1", Shell($"echo '{stats}'; echo hello from the node; sleep 0.2; exit 3"), output);
        node.Start();
        try
        {
            await Wait.UntilAsync(() => node.Restarts >= 2 && output.Reports.Any(r => r.Incarnation == 2), TimeSpan.FromSeconds(30), "two restarts");
        }
        finally
        {
            await node.StopAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Contains(output.Reports, r => r.Incarnation == 0 && r.Report.Clients[0].Analyzed == 5);
        Assert.Contains(output.Reports, r => r.Incarnation == 1);
        Assert.Contains("hello from the node", output.Logs);
        Assert.DoesNotContain(output.Logs, l => l.StartsWith(StatsLine.Prefix));
        Assert.Contains(output.Events, e => e.Contains("died (exit code 3)") && e.Contains("restarting now (restart 1)"));
        Assert.Contains(output.Events, e => e.Contains("restarting in 0.5s (restart 2)"));
    }

    [Fact]
    public async Task A_node_process_runs_with_two_malloc_arenas_unless_the_launcher_was_given_its_own_number()
    {
        var output = new RecordingOutput();
        var node = new NodeProcess("n1", Shell("echo \"arenas=$MALLOC_ARENA_MAX\"; while true; do sleep 0.05; done"), output);
        node.Start();
        try
        {
            await Wait.UntilAsync(() => output.Logs.Any(l => l.StartsWith("arenas=")), TimeSpan.FromSeconds(30), "the node's line");
        }
        finally
        {
            await node.StopAsync(TimeSpan.FromSeconds(5));
        }
        var launchers = Environment.GetEnvironmentVariable(NodeEnvironment.ArenaMaxVariable);
        Assert.Contains($"arenas={(string.IsNullOrEmpty(launchers) ? "2" : launchers)}", output.Logs);

        var own = new ProcessStartInfo("/bin/sh") { Environment = { [NodeEnvironment.ArenaMaxVariable] = "4" } };
        NodeEnvironment.Apply(own, launcherValue: "4");
        Assert.Equal("4", own.Environment[NodeEnvironment.ArenaMaxVariable]);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_does_not_restart()
    {
        var output = new RecordingOutput();
        var node = new NodeProcess("n1", Shell("trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.05; done"), output);
        node.Start();
        await Wait.UntilAsync(() => output.Logs.Contains("ready"), TimeSpan.FromSeconds(20), "the node to start");
        var pid = node.Pid!.Value;

        await node.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("got TERM", output.Logs);
        Assert.Equal(0, node.Restarts);
        Assert.Null(Valkka.Nodes.Node.ProcStat.Read(pid));
    }

    [Fact]
    public async Task A_node_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var output = new RecordingOutput();
        var node = new NodeProcess("n1", Shell("trap '' TERM; echo ready; while true; do sleep 0.05; done"), output);
        node.Start();
        await Wait.UntilAsync(() => output.Logs.Contains("ready"), TimeSpan.FromSeconds(20), "the node to start");
        var pid = node.Pid!.Value;

        await node.StopAsync(TimeSpan.FromSeconds(1));

        Assert.Contains(output.Events, e => e.Contains("did not stop within 1s; killing it"));
        Assert.Null(Valkka.Nodes.Node.ProcStat.Read(pid));
        Assert.Equal(0, node.Restarts);
    }
}
