using System.CommandLine;
using Valkka.Nodes.Cli;

namespace Valkka.Chaos.Soak;

/// <summary>`valkka soak FILE [--duration 30m] [--interval 1m] [--warmup 5m] [--churn 10s] [--json PATH]`.</summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file (HOCON)" };
        var duration = new Option<string>("--duration") { Description = "how long", DefaultValueFactory = _ => "30m" };
        var interval = new Option<string>("--interval") { Description = "time between samples", DefaultValueFactory = _ => "1m" };
        var warmup = new Option<string>("--warmup") { Description = "growth counts from this moment on", DefaultValueFactory = _ => "5m" };
        var json = new Option<string?>("--json") { Description = "write every sample and the growth as JSON to this file" };
        var valkkaDll = new Option<string?>("--valkka-dll") { Description = "the valkka program the nodes run, e.g. artifacts/valkka/valkka.dll (ReadyToRun); default: the copy beside this program" };
        var churn = new Option<string?>("--churn") { Description = "a churn step each INTERVAL (e.g. 10s): a live-view viewer opens and closes a camera's stream, or every client, master or camera restarts by a live change" };
        var log = new Option<string?>("--log") { Description = "file for the nodes' log lines (default: a file in the temp folder)" };
        var command = new Command("soak", "Run a topology for a long time and sample every node's RSS, fds, threads, GC heap and /dev/shm")
            { file, duration, interval, warmup, json, log, valkkaDll, churn };
        command.SetAction(async (result, stop) =>
        {
            if (!DurationText.TryParse(result.GetValue(duration)!, out var d) || !DurationText.TryParse(result.GetValue(interval)!, out var i)
                || !DurationText.TryParse(result.GetValue(warmup)!, out var w))
            {
                Console.Error.WriteLine("--duration, --interval and --warmup take a duration such as 30s or 30m");
                return InvalidInput.ExitCode;
            }
            TimeSpan? churnEvery = null;
            if (result.GetValue(churn) is { } c)
            {
                if (!DurationText.TryParse(c, out var every) || every <= TimeSpan.Zero)
                {
                    Console.Error.WriteLine("--churn takes a duration such as 10s");
                    return InvalidInput.ExitCode;
                }
                churnEvery = every;
            }
            var options = new SoakOptions(result.GetValue(file)!)
                { Duration = d, Interval = i, Warmup = w, JsonPath = result.GetValue(json), LogPath = result.GetValue(log), ValkkaDll = result.GetValue(valkkaDll), Churn = churnEvery };
            return await InvalidInput.ExitCodeAsync(async () =>
            {
                var report = await new SoakRunner(options).RunAsync(stop);
                Console.Out.Write(report.Table());
                if (options.JsonPath is not null) report.WriteJson(options.JsonPath);
                return 0;
            });
        });
        return command;
    }
}
