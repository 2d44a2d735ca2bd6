using System.CommandLine;
using Valkka.Shm;

namespace Valkka.Nodes.Cli;

/// <summary>`valkka clean`: removes rings whose owner process is gone and says what it removed.</summary>
public static class CleanCommand
{
    public static Command Create()
    {
        var command = new Command("clean", "Remove stale rings (owner process gone) from /dev/shm; rings of running nodes are kept");
        command.SetAction(_ =>
        {
            var removed = RingSweeper.SweepStale();
            foreach (var path in removed) Console.WriteLine($"removed {path}");
            var kept = Directory.EnumerateFiles(RingPaths.ShmDirectory, RingPaths.FilePrefix + "*").Count();
            Console.WriteLine(removed.Count == 0
                ? $"nothing to remove; {kept} ring(s) of running processes kept"
                : $"removed {removed.Count} stale ring(s); {kept} ring(s) of running processes kept");
            return ExitCodes.Success;
        });
        return command;
    }
}
