using System.Globalization;
using Valkka.Nodes.Launcher;
using Valkka.TestSupport;

namespace Valkka.Chaos.Faults;

/// <summary>
/// Fault 4: a node started in its own mount namespace (unshare -m, as root) whose /dev/shm is a
/// 1 MiB tmpfs, too small for its camera's ring. It must fail with a clear error naming /dev/shm,
/// not die of SIGBUS; the running topology (other /dev/shm) must not notice.
/// </summary>
public sealed class SmallShmFault : IFault
{
    private const int SigBusExit = 128 + 7;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public string Name => FaultNames.SmallShm;

    public async Task<Injection> InjectAsync(ChaosContext context)
    {
        if (Environment.UserName != "root") return Injection.Skipped("mounting a private /dev/shm (unshare -m) needs root");
        using var folder = new TempDirectory();
        var file = folder.File("small-shm.conf");
        File.WriteAllText(file, Topology(context.Topology.Definition.Name));
        string[] node = [DotnetHost.Find(), "exec", ChaosNodes.ValkkaDll, "node", file, "--node", "solo"];
        using var child = ChildProcess.Start("unshare",
            ["-m", "sh", "-c", "mount -t tmpfs -o size=1m valkka-chaos /dev/shm && exec \"$@\"", "sh", .. node]);
        var problems = new List<string>();
        bool Named() => child.Lines.Any(l => l.Contains("/dev/shm", StringComparison.Ordinal)) || child.Errors.Contains("/dev/shm", StringComparison.Ordinal);
        await ChaosWait.UntilAsync(() => child.HasExited || Named(), Patience);
        if (child.HasExited && child.ExitCode == SigBusExit) problems.Add("the node died of SIGBUS");
        if (!Named()) problems.Add($"no error naming /dev/shm within {Patience.TotalSeconds:0}s: {child.Tail(5)}");
        var said = child.Lines.Concat(child.Errors.Split('\n')).FirstOrDefault(l => l.Contains("/dev/shm", StringComparison.Ordinal));
        var target = "a node in a 1 MiB /dev/shm" + (said is null ? "" : $": \"{Shorten(said)}\"");
        return new Injection(target, DateTimeOffset.UtcNow, problems, MayRestart: false);
    }

    private static string Shorten(string line) => line.Length <= 100 ? line.Trim() : line.Trim()[..100] + "...";

    private static string Topology(string name) => $$"""
        valkka {
          name = "{{(name.Length > 50 ? name[..50] : name)}}-shm"
          nodes { solo { port = {{FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture)}} } }
          cameras {
            big { url = "synthetic://testsrc2?size=1280x720&fps=25", node = solo, ring-slots = 8 }
          }
          clients {
            reader {
              node = solo
              cameras = [big]
              analyzer { type = "Valkka.Samples.FrameStatisticsAnalyzer, Valkka.Samples", path = "{{AppContext.BaseDirectory.TrimEnd('/')}}" }
            }
          }
        }
        """;
}
