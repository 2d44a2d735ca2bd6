using System.CommandLine;
using Valkka.Nodes.Cli;

namespace Valkka.Chaos;

/// <summary>`valkka chaos FILE [--kills N] [--recovery-limit 30s] [--seed S] [--outage 10s] [--faults a,b] [--hogs N] [--json PATH]`.</summary>
public static class ChaosCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file (HOCON)" };
        var kills = new Option<int>("--kills") { Description = "kill cycles (SIGKILL of a random node)", DefaultValueFactory = _ => 10 };
        var limit = new Option<string>("--recovery-limit") { Description = "how long a recovery may take", DefaultValueFactory = _ => "30s" };
        var seed = new Option<int?>("--seed") { Description = "seed of the random choices (default: from the clock; printed)" };
        var outage = new Option<string>("--outage") { Description = "how long a node stays frozen and the RTSP server down", DefaultValueFactory = _ => "10s" };
        var faults = new Option<string?>("--faults") { Description = $"comma-separated subset of: {string.Join(", ", FaultNames.Order)}" };
        var rtspCamera = new Option<string?>("--rtsp-camera") { Description = "the camera served by the runner's RTSP server (default: the first)" };
        var json = new Option<string?>("--json") { Description = "write the results as JSON to this file" };
        var valkkaDll = new Option<string?>("--valkka-dll") { Description = "the valkka program the nodes run, e.g. artifacts/valkka/valkka.dll (ReadyToRun); default: the copy beside this program" };
        var hogs = new Option<int>("--hogs") { Description = "busy-loop processes to load the machine during the run (killed at the end)" };
        var log = new Option<string?>("--log") { Description = "file for the nodes' log lines (default: a file in the temp folder)" };
        var command = new Command("chaos", "Run a topology and inject faults one after another, checking recovery after each")
            { file, kills, limit, seed, outage, faults, rtspCamera, json, log, valkkaDll, hogs };
        command.SetAction(async (result, stop) =>
        {
            if (!DurationText.TryParse(result.GetValue(limit)!, out var recoveryLimit) || !DurationText.TryParse(result.GetValue(outage)!, out var outageLength))
            {
                Console.Error.WriteLine("--recovery-limit and --outage take a duration such as 10s, 500ms or 2m");
                return InvalidInput.ExitCode;
            }
            var chosen = result.GetValue(faults) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;
            if (chosen?.FirstOrDefault(f => !FaultNames.All.Contains(f)) is { } unknown)
            {
                Console.Error.WriteLine($"--faults: no fault \"{unknown}\" (known: {string.Join(", ", FaultNames.Order)})");
                return InvalidInput.ExitCode;
            }
            var options = new ChaosOptions(result.GetValue(file)!)
            {
                Kills = result.GetValue(kills),
                RecoveryLimit = recoveryLimit,
                Seed = result.GetValue(seed) ?? Environment.TickCount & int.MaxValue,
                Outage = outageLength,
                Faults = chosen ?? FaultNames.All,
                RtspCamera = result.GetValue(rtspCamera),
                JsonPath = result.GetValue(json),
                LogPath = result.GetValue(log),
                ValkkaDll = result.GetValue(valkkaDll),
                Hogs = Math.Max(0, result.GetValue(hogs)),
            };
            return await InvalidInput.ExitCodeAsync(async () =>
            {
                var report = await new ChaosRunner(options).RunAsync(stop);
                Console.Out.WriteLine(report.Table());
                if (options.JsonPath is not null) report.WriteJson(options.JsonPath);
                return report.Passed ? 0 : 1;
            });
        });
        return command;
    }
}
