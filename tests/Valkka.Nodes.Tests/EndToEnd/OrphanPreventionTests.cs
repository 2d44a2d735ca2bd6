using System.Text.RegularExpressions;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;
using Valkka.Shm;

namespace Valkka.Nodes.Tests.EndToEnd;

/// <summary>When the launcher is killed with SIGKILL, its nodes notice and shut down cleanly.</summary>
[Trait("Speed", "Slow")]
public partial class OrphanPreventionTests
{
    [GeneratedRegex(@"\[(\w+)\] node process started \(pid (\d+)\)")]
    private static partial Regex NodeStarted();

    [Fact]
    public async Task Nodes_of_a_launcher_killed_with_SIGKILL_stop_and_remove_their_rings()
    {
        using var topology = TestTopology.FromShipped("main2");
        using var run = ValkkaCli.Start("run", topology.Path, "--free-ports", "--no-table", "--log", topology.LogPath);
        var pids = new List<ProcStat>();
        try
        {
            await Wait.UntilAsync(() => run.Lines.Any(l => l.Contains("clients attached after")) || run.HasExited,
                TimeSpan.FromSeconds(90), "every node up and every camera streaming");
            Assert.False(run.HasExited, run.Tail());
            foreach (var m in run.Lines.Select(l => NodeStarted().Match(l)).Where(m => m.Success))
                pids.Add(ProcStat.Read(int.Parse(m.Groups[2].Value)) ?? throw new Xunit.Sdk.XunitException($"node {m.Groups[1].Value} is not running"));
            Assert.Equal(4, pids.Count);
            Assert.NotEmpty(topology.RingsLeft());

            Assert.True(ProcessSignals.Kill(run.Pid));

            await Wait.UntilAsync(() => pids.All(p => !p.IsAlive()), TimeSpan.FromSeconds(60), "every node process to exit");
            Assert.Empty(topology.RingsLeft());
            var log = File.ReadAllText(topology.LogPath);
            Assert.DoesNotContain("cannot", log);
        }
        finally
        {
            foreach (var p in pids.Where(p => p.IsAlive())) ProcessSignals.Kill(p.Pid);
        }
    }
}
