using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Node;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Launcher;

/// <summary>
/// `valkka run`: starts every node of a validated topology (each as its own supervised OS process,
/// or all in this process), shows the live table once a second, stops everything cleanly on
/// Ctrl-C/SIGTERM or after the duration, sweeps what dead nodes left in /dev/shm and writes the
/// summary JSON.
/// </summary>
public sealed class TopologyRunner(TopologyDefinition topology, RunOptions options)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private DeploymentControl? _control;
    private DesiredStateFiles? _stateFiles;

    /// <summary>The topology running now: the file's, then the latest live change's.</summary>
    private TopologyDefinition Current => _control?.Current.Topology ?? topology;

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var logPath = options.LogFile ?? Path.Combine(Path.GetTempPath(), $"valkka-{topology.Name}-{Environment.ProcessId}.log");
        using var console = new RunConsole(logPath, echoToStderr: !options.LiveTable);
        var mode = options.InProcess ? "in-process" : "processes";
        var here = topology.Nodes.Where(n => options.LocalNodes?.Contains(n.Name) != false).ToList();
        var elsewhere = topology.Nodes.Except(here).ToList();
        console.Say($"running topology {topology.Name} ({here.Count} nodes, {mode}); log in {logPath}");
        if (elsewhere.Count > 0)
            console.Say($"expecting on other machines: {string.Join(", ", elsewhere.Select(n => $"{n.Name} at {n.Host}:{n.Port}"))}");
        foreach (var node in elsewhere) console.NodeState(node.Name, $"remote: runs on {node.Host}:{node.Port}, not reported here");
        SweepStaleRings(console);

        var clock = Stopwatch.StartNew();
        var exitCode = 0;
        INodeRuntime? inProcess = null;
        NodeMetrics? metrics = null;
        NodeFleet? fleet = null;
        LiveViewService? view = null;
        ControlSocketServer? controlSocket = null;
        var replies = new ApplyReplies();
        DesiredStateSpread? spread = null;
        using var stateFiles = _stateFiles = new DesiredStateFiles();
        try
        {
            foreach (var (node, url) in MetricsUrls()) console.Say($"metrics of node {node} at {url}");
            if (options.InProcess)
            {
                // One process, one endpoint: the first node's port serves every node's metrics.
                metrics = new NodeMetrics("in-process", 0, topology.Metrics is { } m ? (m.Host, topology.MetricsPortOf(topology.Nodes[0].Name)!.Value) : null);
                inProcess = NodeRuntimes.StartInProcess(topology, quiet: options.LiveTable, metrics.Instruments);
                foreach (var node in topology.Nodes) console.NodeState(node.Name, "running (in this process)");
            }
            else
                fleet = new NodeFleet(here.Select(n => n.Name), n => topology.CamerasOn(n).Any() ? 0 : topology.MastersOn(n).Any() ? 1 : 2,
                    (node, restarts) => SelfCommand.For(NodeArguments(node, restarts)), console, stop, replies.Received, line => spread?.Heard(line));
            _control = LiveChanges.Control(topology, options, fleet, inProcess, replies, stateFiles, console,
                () => RunSummary.Build(Current.Name, mode, clock.Elapsed, console.Board.Snapshot(WindowFor(options.Duration)), Current.Nodes.Select(n => n.Name)));
            // Only node processes talk to other hosts; one process runs every node on this machine.
            if (fleet is not null) spread = new DesiredStateSpread(_control, fleet, options.File, console.Say);
            controlSocket = await LiveChanges.ListenAsync(_control, Current.Name, console);
            using var hangUp = LiveChanges.ReloadOnHangUp(_control, options.File, console);

            using var until = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var window = WindowFor(options.Duration);
            if (options.Web is { } web)
            {
                view = await LiveViewService.StartAsync(topology, web, (inProcess as AkkaNodeRuntime)?.System, here.FirstOrDefault()?.Host ?? ListenAddress.DefaultHost,
                    () => (console.Board.Snapshot(window), clock.Elapsed), _control, console.Say);
                console.Say($"live view on {view.Address}");
            }
            var readiness = new RunReadiness(topology, here, options.StartupTimeout);
            var shortfalls = new ShortfallWatch(console.Say);

            async Task Loop(Action<IRenderable?> show)
            {
                while (!until.IsCancellationRequested)
                {
                    try { await Task.Delay(Tick, until.Token); } catch (OperationCanceledException) { }
                    spread?.AskPeersOnce();
                    if (inProcess is not null)
                    {
                        if (inProcess.WhenTerminated.IsCompleted)
                        {
                            // Akka's own SIGTERM hook ends the actor system at the signal that stops the run: not a failure.
                            if (!await SignalledAsync(stop))
                            {
                                console.Say("the in-process actor system terminated; stopping");
                                exitCode = 1;
                            }
                            break;
                        }
                        var reports = await inProcess.CollectAsync(TimeSpan.FromMilliseconds(800));
                        metrics?.Update(reports);
                        foreach (var report in reports)
                            console.Stats(report, 0);
                    }
                    if (readiness.BecameUp(console.Board, clock.Elapsed, console.Say) && options.Duration is { } duration) until.CancelAfter(duration);
                    if (readiness.IsUp) shortfalls.Check(console.Board.Snapshot(ShortfallWatch.Window));
                    var board = console.Board.Snapshot(window);
                    show(options.LiveTable ? LiveTable.Render($"valkka run {topology.Name} ({mode})", clock.Elapsed, board, console.RecentLines) : null);
                    if (!options.LiveTable && (int)clock.Elapsed.TotalSeconds % 5 == 0)
                        Console.Error.WriteLine(LiveTable.Line(clock.Elapsed, board));
                }
            }

            if (options.LiveTable)
                await AnsiConsole.Live(new Text("starting..."))
                    .AutoClear(false)
                    .StartAsync(async ctx => await Loop(r => { if (r is not null) { ctx.UpdateTarget(r); ctx.Refresh(); } }));
            else
                await Loop(_ => { });

            console.Say(stop.IsCancellationRequested ? "stopping (signal)" : "stopping");
        }
        catch (Exception e)
        {
            console.Say($"run failed: {e.Message}");
            exitCode = 1;
        }
        finally
        {
            if (controlSocket is not null) await controlSocket.DisposeAsync();
            if (view is not null) await view.DisposeAsync();
            if (fleet is not null)
            {
                await fleet.StopAsync(options.StopGrace);
                await fleet.DisposeAsync();
            }
            if (inProcess is not null) await inProcess.DisposeAsync();
            metrics?.Dispose();
            SweepStaleRings(console);
        }

        var elapsed = clock.Elapsed;
        RunEnd.Report(Current, options, mode, elapsed, console.Board.Snapshot(WindowFor(options.Duration)), here, elsewhere, console, MetricsUrls());
        return exitCode;
    }

    // True when a stop signal came (or comes within a second: the actor system's hook and the run's may run in either order).
    private static async Task<bool> SignalledAsync(CancellationToken stop)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
        catch (OperationCanceledException) { }
        return stop.IsCancellationRequested;
    }

    private void SweepStaleRings(RunConsole console)
    {
        foreach (var swept in StaleRings.Sweep(topology.Name))
            console.Say($"removed stale ring {swept}");
    }

    // Counts over the last 80% of the measured run (at most the last 30 s).
    private static TimeSpan WindowFor(TimeSpan? duration) =>
        duration is { } d ? TimeSpan.FromTicks(Math.Min(d.Ticks * 8 / 10, TimeSpan.FromSeconds(30).Ticks)) : TimeSpan.FromSeconds(30);

    /// <summary>Where each node serves its metrics (in one process: the first node's endpoint serves all).</summary>
    private IEnumerable<(string Node, string Url)> MetricsUrls()
    {
        if (topology.Metrics is not { } metrics) yield break;
        foreach (var node in topology.Nodes)
            yield return (node.Name, $"http://{metrics.Host}:{topology.MetricsPortOf(options.InProcess ? topology.Nodes[0].Name : node.Name)}/metrics");
    }

    private IEnumerable<string> NodeArguments(string node, int restarts)
    {
        var topology = Current;
        yield return "node";
        if (_control?.Current is { Version: > 1 } changed)
        {
            yield return _stateFiles!.Write(changed);
            yield return "--source";
            yield return changed.SourcePath;
        }
        else yield return Path.GetFullPath(options.File);
        yield return "--node";
        yield return node;
        yield return "--stats-interval";
        yield return "500ms";
        yield return "--parent-pid";
        yield return Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var n in topology.Nodes)
        {
            yield return "--port";
            yield return $"{n.Name}={n.Port}";
        }
        if (topology.MetricsPortOf(node) is { } metricsPort)
        {
            yield return "--metrics-port";
            yield return $"{node}={metricsPort}";
        }
        yield return "--restarts";
        yield return restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
