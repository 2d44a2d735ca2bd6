using Valkka.Nodes.Tests.Support;
using Valkka.Shm;

namespace Valkka.Nodes.Tests.Cli;

/// <summary>
/// Rings left by a node killed with kill -9: `valkka clean` removes them and names them, and a node
/// starting again sweeps them itself.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class CleanCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _name = TopologyRings.NewName();
    private string Ring => $"/dev/shm/valkka.{_name}.cam-pat";
    private string File_ => _dir.File("one.conf");

    public CleanCommandTests()
    {
        File.WriteAllText(File_, $$"""
            valkka {
              name = {{_name}}
              nodes { solo { port = 1 } }
              cameras {
                pat {
                  url = "pattern://?size=320x240&fps=25"
                  node = solo
                  ring-slots = 2
                }
              }
              clients {
                c {
                  node = solo
                  cameras = [pat]
                  analyzer { type = "{{Topologies.FrameAnalyzer}}" }
                }
              }
            }
            """);
    }

    private ChildProcess StartNode() =>
        ValkkaCli.Start("node", File_, "--node", "solo", "--port", $"solo={Valkka.Nodes.Launcher.FreePorts.Take(1)[0]}");

    private async Task LeaveAStaleRingAsync()
    {
        using var node = StartNode();
        await Wait.UntilAsync(() => File.Exists(Ring) || node.HasExited, TimeSpan.FromSeconds(90), "the camera's ring");
        Assert.True(File.Exists(Ring), node.Tail());
        Assert.True(ProcessSignals.Kill(node.Pid));
        await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(File.Exists(Ring), "kill -9 runs no cleanup, so the ring must still be there");
    }

    [Fact]
    public async Task Clean_removes_the_rings_of_a_killed_node_and_names_them()
    {
        await LeaveAStaleRingAsync();

        var (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), "clean", "--topology", _name);

        Assert.Equal(0, code);
        Assert.Contains($"removed {Ring}", output.Split('\n'));
        Assert.Contains("removed 1 stale ring(s); 0 ring(s) of running processes kept", output);
        Assert.False(File.Exists(Ring));
    }

    [Fact]
    public async Task A_node_sweeps_the_stale_rings_of_its_topology_when_it_starts()
    {
        await LeaveAStaleRingAsync();

        using var node = StartNode();
        await Wait.UntilAsync(() => node.Lines.Any(l => l.StartsWith("@valkka-stats")) || node.HasExited,
            TimeSpan.FromSeconds(90), "the restarted node to report");
        Assert.Contains($"[solo] removed stale ring {Ring}", node.Lines);
        Assert.True(File.Exists(Ring), "the restarted camera made its ring again");

        Assert.True(ProcessSignals.Terminate(node.Pid));
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(File.Exists(Ring), "a node stopped with SIGTERM unlinks its rings");
    }

    public void Dispose()
    {
        TopologyRings.Remove(_name);
        _dir.Dispose();
    }
}
