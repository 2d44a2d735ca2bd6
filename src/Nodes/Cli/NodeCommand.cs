using System.CommandLine;
using Valkka.Actors.Topology;
using Valkka.Nodes.Hosting;
using Valkka.Nodes.Stats;

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
        var command = new Command("node", "Run one node of a topology") { file, node, parent, ports, interval };
        command.SetAction((result, _) => RunAsync(result.GetValue(file)!, result.GetValue(node)!, result.GetValue(parent),
            result.GetValue(ports) ?? [], result.GetValue(interval)!));
        return command;
    }

    private static async Task<int> RunAsync(string file, string nodeName, int? parentPid, string[] portValues, string intervalText)
    {
        if (!PortOverrides.TryParse(portValues, out var ports, out var error) || !DurationText.TryParse(intervalText, out var interval))
        {
            Console.Error.WriteLine(error ?? $"--stats-interval {intervalText}: expected a duration such as 1s or 500ms");
            return ExitCodes.InvalidTopology;
        }
        var topology = TopologyFile.Load(file, new ValidationScope { Nodes = [nodeName] }, ports);
        if (topology is null) return ExitCodes.InvalidTopology;

        using var signals = new ShutdownSignals(ignoreInterrupt: parentPid is not null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token);
        ParentWatcher? watcher = null;
        if (parentPid is { } pid)
        {
            try
            {
                watcher = ParentWatcher.Start(pid, TimeSpan.FromMilliseconds(500), () =>
                {
                    Console.Error.WriteLine($"[{nodeName}] parent process {pid} is gone; shutting down");
                    stop.Cancel();
                });
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"[{nodeName}] {e.Message}; not starting");
                return ExitCodes.RuntimeFailure;
            }
        }

        foreach (var swept in StaleRings.Sweep(topology.Name))
            Console.Error.WriteLine($"[{nodeName}] removed stale ring {swept}");

        INodeRuntime runtime;
        try
        {
            runtime = NodeRuntimes.StartNode(topology, nodeName);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[{nodeName}] cannot start: {e.Message}");
            watcher?.Dispose();
            return ExitCodes.RuntimeFailure;
        }

        var exitCode = ExitCodes.Success;
        try
        {
            var terminated = runtime.WhenTerminated;
            while (!stop.IsCancellationRequested)
            {
                var tick = Task.Delay(interval, stop.Token);
                if (await Task.WhenAny(tick, terminated) == terminated)
                {
                    var requested = runtime.ShutdownRequested || signals.Received is not null;
                    Console.Error.WriteLine($"[{nodeName}] actor system terminated{(requested ? "" : " unexpectedly")}");
                    exitCode = requested ? ExitCodes.Success : ExitCodes.RuntimeFailure;
                    break;
                }
                try { await tick; } catch (OperationCanceledException) { break; }
                // A generous timeout: on a busy machine an actor may answer late, and a missing
                // answer leaves a gap in the counters (the next report starts after this one).
                foreach (var report in await runtime.CollectAsync(TimeSpan.FromSeconds(2)))
                    Console.Out.WriteLine(StatsLine.Format(report with { GcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes }));
                Console.Out.Flush();
            }
            if (signals.Received is { } signal) Console.Error.WriteLine($"[{nodeName}] {signal} received; shutting down");
        }
        finally
        {
            watcher?.Dispose();
            await runtime.DisposeAsync();
            Console.Error.WriteLine($"[{nodeName}] stopped");
        }
        return exitCode;
    }
}
