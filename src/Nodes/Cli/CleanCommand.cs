using System.CommandLine;
using Valkka.Nodes.Node;
using Valkka.Shm;

namespace Valkka.Nodes.Cli;

/// <summary>`valkka clean`: removes rings whose owner process is gone and says what it removed.</summary>
public static class CleanCommand
{
    public static Command Create()
    {
        var topology = new Option<string?>("--topology") { Description = "only the rings of this topology (valkka.NAME.*)" };
        var command = new Command("clean", "Remove stale rings (owner process gone) from /dev/shm; rings of running nodes are kept") { topology };
        command.SetAction(result =>
        {
            var name = result.GetValue(topology);
            var removed = StaleRings.Sweep(name);
            foreach (var path in removed) Console.WriteLine($"removed {path}");
            var kept = Directory.EnumerateFiles(RingPaths.ShmDirectory, RingPaths.FilePrefix + (name is null ? "" : name + ".") + "*").Count();
            Console.WriteLine(removed.Count == 0
                ? $"nothing to remove; {kept} ring(s) of running processes kept"
                : $"removed {removed.Count} stale ring(s); {kept} ring(s) of running processes kept");
            return ExitCodes.Success;
        });
        return command;
    }
}
