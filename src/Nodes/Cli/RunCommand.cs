using System.CommandLine;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;
using Valkka.Nodes.Launcher;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Cli;

/// <summary>`valkka run FILE`: validates, then runs every node of the topology (see TopologyRunner).</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file (HOCON)" };
        var inProcess = new Option<bool>("--in-process") { Description = "run every node in this process instead of one process per node" };
        var duration = new Option<string?>("--duration") { Description = "stop after this long (e.g. 10s, 2m); default: until Ctrl-C or SIGTERM" };
        var summary = new Option<string?>("--summary-json") { Description = "write the run's summary (counters per camera, client, master; restarts per node) to this file" };
        var log = new Option<string?>("--log") { Description = "file for the nodes' log lines (default: a file in the temp folder)" };
        var noTable = new Option<bool>("--no-table") { Description = "no live table; print a status line every 5 s on stderr (the default when stdout is not a terminal)" };
        var freePorts = new Option<bool>("--free-ports") { Description = "give every node a free port instead of the file's ports" };
        var web = new Option<string?>("--web") { Description = "serve the live view (pictures, results, live table) at HOST:PORT, e.g. 127.0.0.1:8080 (default: the topology's web.listen, if any)" };
        var ports = CommonOptions.Ports();
        var metricsPorts = CommonOptions.MetricsPorts();
        var command = new Command("run", "Run every node of a topology, supervised, with a live table")
            { file, inProcess, duration, summary, log, noTable, freePorts, ports, metricsPorts, web };
        command.SetAction((result, _) => RunAsync(new RunArguments(result.GetValue(file)!, result.GetValue(inProcess),
            result.GetValue(duration), result.GetValue(summary), result.GetValue(log), result.GetValue(noTable),
            result.GetValue(freePorts), result.GetValue(ports) ?? [], result.GetValue(metricsPorts) ?? [], result.GetValue(web))));
        return command;
    }

    /// <summary>The names of the nodes this machine runs (null if the file does not parse: its errors come later).</summary>
    internal static IReadOnlyList<string>? LocalNodeNames(string file) =>
        TopologyLoader.Load(file, ValidationScope.FileOnly).Topology is { } parsed
            ? Node.LocalNodes.Of(parsed).Select(n => n.Name).ToList()
            : null;

    // What --web lacks that web.listen would have been refused for at validation.
    private static List<TopologyError> WebProblems(TopologyDefinition topology, LiveViewSettings web)
    {
        var definition = new WebDefinition(web.Listen, web.TokenFile);
        return WebAccessRules.ExposureProblems(definition, topology.Tls, "--web").Concat(WebAccessRules.FileProblems(definition, topology.Tls)).ToList();
    }

    private sealed record RunArguments(string File, bool InProcess, string? Duration, string? Summary, string? Log,
        bool NoTable, bool FreePorts, string[] Ports, string[] MetricsPorts, string? Web);

    private static async Task<int> RunAsync(RunArguments a)
    {
        TimeSpan? duration = null;
        if (a.Duration is not null)
        {
            if (!DurationText.TryParse(a.Duration, out var d))
            {
                Console.Error.WriteLine($"--duration {a.Duration}: expected a duration such as 10s, 500ms or 2m");
                return ExitCodes.InvalidTopology;
            }
            duration = d;
        }
        ListenAddress? web = null;
        if (a.Web is not null && !ListenAddress.TryParse(a.Web, out web, out var webError))
        {
            Console.Error.WriteLine($"--web {a.Web}: {webError}");
            return ExitCodes.InvalidTopology;
        }
        if (!PortOverrides.TryParse(a.Ports, out var ports, out var error)
            || !PortOverrides.TryParse("--metrics-port", a.MetricsPorts, out var metricsPorts, out error))
        {
            Console.Error.WriteLine(error);
            return ExitCodes.InvalidTopology;
        }
        if (a.FreePorts)
        {
            var parsed = TopologyLoader.Load(a.File, new ValidationScope { CheckPorts = false, CheckAnalyzers = false, CheckShmSpace = false });
            if (parsed.Topology is not null)
            {
                var nodes = parsed.Topology.Nodes;
                var free = FreePorts.Take(2 * nodes.Count);
                for (var i = 0; i < nodes.Count; i++) ports.TryAdd(nodes[i].Name, free[i]);
                if (parsed.Topology.Metrics is not null)
                    for (var i = 0; i < nodes.Count; i++) metricsPorts.TryAdd(nodes[i].Name, free[nodes.Count + i]);
            }
        }
        // In one process the nodes need no ports at all; as processes, only this machine's nodes start here.
        IReadOnlyList<string>? local = null;
        if (!a.InProcess)
        {
            local = LocalNodeNames(a.File);
            if (local is { Count: 0 })
            {
                Console.Error.WriteLine($"{a.File}: no node of this topology has an address of this machine; start each node on its own machine (valkka run there, or valkka node {a.File} --node NAME)");
                return ExitCodes.InvalidTopology;
            }
        }
        var scope = a.InProcess ? new ValidationScope { CheckPorts = false } : new ValidationScope { Nodes = local };
        var topology = TopologyFile.Load(a.File, scope, ports, metricsPorts);
        if (topology is null) return ExitCodes.InvalidTopology;

        if (a.InProcess) Node.ThreadPoolWarmUp.Run(Node.ThreadPoolWarmUp.DefaultWorkers, TimeSpan.FromSeconds(5));

        using var signals = new ShutdownSignals(ignoreInterrupt: false);
        var options = new RunOptions
        {
            File = a.File,
            InProcess = a.InProcess,
            Duration = duration,
            SummaryJson = a.Summary,
            LogFile = a.Log,
            LiveTable = !a.NoTable && !Console.IsOutputRedirected,
            Ports = ports,
            FreePorts = a.FreePorts,
            LocalNodes = local,
            Web = (web ?? topology.Web?.Listen) is { } listen ? new LiveViewSettings(listen) { TokenFile = topology.Web?.TokenFile } : null,
        };
        if (options.Web is { } served && web is not null && WebProblems(topology, served) is { Count: > 0 } webProblems)
        {
            foreach (var webProblem in webProblems) Console.Error.WriteLine($"{a.File}: {webProblem.Path}: {webProblem.Message}");
            Console.Error.WriteLine($"{a.File}: nothing was started");
            return ExitCodes.InvalidTopology;
        }
        if (options.Web is not null && !a.InProcess && LiveViewService.JoinProblem(topology) is { } problem)
        {
            Console.Error.WriteLine($"{a.File}: {problem}");
            Console.Error.WriteLine($"{a.File}: `valkka cert {a.File}` makes the launcher's certificate; nothing was started");
            return ExitCodes.InvalidTopology;
        }
        return await new TopologyRunner(topology, options).RunAsync(signals.Token);
    }
}
