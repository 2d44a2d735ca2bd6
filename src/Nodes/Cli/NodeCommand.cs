using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using Valkka.Actors.Topology;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Cli;

/// <summary>
/// `valkka node FILE --node NAME`: runs one node of a topology in this process (for systemd, for
/// another machine, and as the child process `valkka run` starts). Prints one stats line a second
/// on stdout; stops cleanly on SIGTERM, on Ctrl-C (when run alone) and when --parent-pid is gone.
/// </summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the topology file (HOCON)" };
        var node = new Option<string>("--node") { Description = "the node to run", Required = true };
        var parent = new Option<int?>("--parent-pid") { Description = "stop when this process is gone (set by valkka run)" };
        var ports = CommonOptions.Ports();
        var interval = new Option<string>("--stats-interval") { Description = "how often to print a stats line (default 1s)", DefaultValueFactory = _ => "1s" };
        var metricsPorts = CommonOptions.MetricsPorts();
        var restarts = new Option<int>("--restarts") { Description = "how often this node was restarted before (set by valkka run; metric valkka_node_restarts_total); above 0 the node never starts a cluster alone" };
        var source = new Option<string?>("--source") { Description = "resolve the file's relative paths as if it were this file (set by valkka run after a live change)" };
        var command = new Command("node", "Run one node of a topology") { file, node, parent, ports, interval, metricsPorts, restarts, source };
        command.SetAction((result, _) => RunAsync(new NodeArguments(result.GetValue(file)!, result.GetValue(node)!, result.GetValue(parent),
            result.GetValue(ports) ?? [], result.GetValue(interval)!, result.GetValue(metricsPorts) ?? [], result.GetValue(restarts),
            result.GetValue(source))));
        return command;
    }

    private sealed record NodeArguments(string File, string Node, int? ParentPid, string[] Ports, string Interval,
        string[] MetricsPorts, int Restarts, string? Source);

    private static async Task<int> RunAsync(NodeArguments a)
    {
        var (file, nodeName, parentPid, intervalText) = (a.File, a.Node, a.ParentPid, a.Interval);
        if (!PortOverrides.TryParse(a.Ports, out var ports, out var error) || !DurationText.TryParse(intervalText, out var interval)
            || !PortOverrides.TryParse("--metrics-port", a.MetricsPorts, out var metricsPorts, out error))
        {
            Console.Error.WriteLine(error ?? $"--stats-interval {intervalText}: expected a duration such as 1s or 500ms");
            return ExitCodes.InvalidTopology;
        }
        var startUp = StartUpTimes.Begin();
        var topology = TopologyFile.Load(file, new ValidationScope { Nodes = [nodeName] }, ports, metricsPorts, a.Source);
        if (topology is null) return ExitCodes.InvalidTopology;
        startUp.Mark("topology");

        using var signals = new ShutdownSignals(ignoreInterrupt: parentPid is not null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token);
        if (!TryWatchParent(parentPid, nodeName, stop, out var watcher)) return ExitCodes.RuntimeFailure;
        using (watcher)
        {
            foreach (var swept in StaleRings.Sweep(topology.Name))
                Console.Error.WriteLine($"[{nodeName}] removed stale ring {swept}");
            startUp.Mark("stale rings");

            var metrics = TryStartMetrics(topology, nodeName, a.Restarts);
            if (metrics is null) return ExitCodes.RuntimeFailure;
            using (metrics)
            {
                INodeRuntime runtime;
                try
                {
                    runtime = NodeRuntimes.StartNode(topology, nodeName, metrics.Instruments, restarted: a.Restarts > 0);
                    startUp.Mark("actor system and actors");
                    Console.Error.WriteLine($"[{nodeName}] {startUp}");
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"[{nodeName}] cannot start: {e.Message}");
                    return ExitCodes.RuntimeFailure;
                }

                // Well after the actors: a restarted node's recovery comes first.
                _ = ThreadPoolWarmUp.RunLaterAsync(ThreadPoolWarmUp.DefaultDelay, ThreadPoolWarmUp.DefaultWorkers, stop.Token);
                static void TellLauncher(string line)
                {
                    Console.Out.WriteLine(line);
                    Console.Out.Flush();
                }
                // Only under valkka run: its launcher is who learns of other hosts' changes (a node alone has none).
                var desiredState = parentPid is not null && runtime is AkkaNodeRuntime akka
                    ? akka.System.ActorOf(DesiredStateActor.Props(TellLauncher), ActorPaths.DesiredStateName)
                    : null;
                var changes = new NodeApplyListener(nodeName, runtime, Console.In, TellLauncher, message => desiredState?.Tell(message));
                // Run by valkka run: changes come on stdin. Alone: SIGHUP re-reads the file.
                if (parentPid is not null) changes.Start(stop.Token);
                var reloads = 0;
                Valkka.Shm.ProcessSignals.UnignoreHangup();
                using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    if (parentPid is null) _ = changes.ReloadAsync(file, ports, Interlocked.Increment(ref reloads));
                });
                try
                {
                    return await new NodeReportLoop(nodeName, runtime, metrics, interval).RunAsync(signals, stop.Token);
                }
                finally
                {
                    await runtime.DisposeAsync();
                    Console.Error.WriteLine($"[{nodeName}] stopped");
                }
            }
        }
    }

    private static bool TryWatchParent(int? parentPid, string nodeName, CancellationTokenSource stop, out ParentWatcher? watcher)
    {
        watcher = null;
        if (parentPid is not { } pid) return true;
        try
        {
            watcher = ParentWatcher.Start(pid, TimeSpan.FromMilliseconds(500), () =>
            {
                Console.Error.WriteLine($"[{nodeName}] parent process {pid} is gone; shutting down");
                stop.Cancel();
            });
            return true;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"[{nodeName}] {e.Message}; not starting");
            return false;
        }
    }

    private static NodeMetrics? TryStartMetrics(TopologyDefinition topology, string nodeName, int restarts)
    {
        try
        {
            var metrics = new NodeMetrics(nodeName, restarts, topology.Metrics is { } m ? (m.Host, topology.MetricsPortOf(nodeName)!.Value) : null);
            if (metrics.Url is { } url) Console.Error.WriteLine($"[{nodeName}] metrics at {url}");
            return metrics;
        }
        catch (MetricsEndpointException e)
        {
            Console.Error.WriteLine($"[{nodeName}] cannot start: {e.Message}");
            return null;
        }
    }
}
