using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;
using Valkka.Actors.Topology;
using Valkka.Nodes.Hosting;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Stats;
using Valkka.Nodes.Web;

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

        foreach (var swept in StaleRings.Sweep(topology.Name))
            console.Say($"removed stale ring {swept}");

        var clock = Stopwatch.StartNew();
        var exitCode = 0;
        INodeRuntime? inProcess = null;
        NodeMetrics? metrics = null;
        var processes = new List<NodeProcess>();
        using var startCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var starting = Task.CompletedTask;
        LiveView? view = null;
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
            {
                // Cameras' nodes first: they are real time and decode while the others start.
                foreach (var node in here.OrderBy(n => topology.CamerasOn(n.Name).Any() ? 0 : 1))
                {
                    NodeProcess process = null!;
                    process = new NodeProcess(node.Name, () => SelfCommand.For(NodeArguments(node.Name, process.Restarts)), console);
                    processes.Add(process);
                }
                starting = StartInTurnsAsync(processes, new NodeStartGate(Math.Max(1, Environment.ProcessorCount), StartTurnLimit), startCancel.Token);
            }

            using var until = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var window = WindowFor(options.Duration);
            if (options.Web is { } web)
            {
                view = await LiveView.StartAsync(topology, web, (inProcess as AkkaNodeRuntime)?.System, here.FirstOrDefault()?.Host ?? ListenAddress.DefaultHost,
                    () => (console.Board.Snapshot(window), clock.Elapsed));
                console.Say($"live view on {view.Address}");
            }
            // --duration counts from the moment every node reports, every camera streams and every
            // client is attached to its cameras (starting a node or opening a camera can take
            // seconds), or from the startup timeout.
            var durationStarted = false;
            var shortfalls = new ShortfallWatch(console.Say);
            void StartDurationWhenUp()
            {
                if (durationStarted) return;
                var names = here.Select(n => n.Name).ToHashSet();
                var up = console.Board.NodesReported >= here.Count && console.Board.AllStreaming(topology.Cameras.Count(c => names.Contains(c.Node)))
                         && console.Board.AllAttached(topology.Clients.Where(c => names.Contains(c.Node)).ToDictionary(c => c.Id, c => c.Cameras.Count));
                if (!up && clock.Elapsed < options.StartupTimeout) return;
                durationStarted = true;
                console.Say(up ? $"all {here.Count} nodes of this machine up, their cameras streaming and clients attached after {clock.Elapsed.TotalSeconds:0.0}s"
                               : $"not everything is up (nodes, cameras streaming, clients attached) after {options.StartupTimeout.TotalSeconds:0}s; running anyway");
                if (options.Duration is { } duration) until.CancelAfter(duration);
            }

            async Task Loop(Action<IRenderable?> show)
            {
                while (!until.IsCancellationRequested)
                {
                    try { await Task.Delay(Tick, until.Token); } catch (OperationCanceledException) { }
                    if (inProcess is not null)
                    {
                        if (inProcess.WhenTerminated.IsCompleted)
                        {
                            console.Say("the in-process actor system terminated; stopping");
                            exitCode = 1;
                            break;
                        }
                        var reports = await inProcess.CollectAsync(TimeSpan.FromMilliseconds(800));
                        metrics?.Update(reports);
                        foreach (var report in reports)
                            console.Stats(report, 0);
                    }
                    StartDurationWhenUp();
                    if (durationStarted) shortfalls.Check(console.Board.Snapshot(ShortfallWatch.Window));
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
            if (view is not null) await view.DisposeAsync();
            await startCancel.CancelAsync();
            await starting;
            await Task.WhenAll(processes.Select(p => p.StopAsync(options.StopGrace)));
            if (inProcess is not null) await inProcess.DisposeAsync();
            metrics?.Dispose();
            foreach (var swept in StaleRings.Sweep(topology.Name))
                console.Say($"removed stale ring {swept}");
        }

        var elapsed = clock.Elapsed;
        var final = console.Board.Snapshot(WindowFor(options.Duration));
        var summary = RunSummary.Build(topology.Name, mode, elapsed, final, here.Select(n => n.Name));
        if (elsewhere.Count > 0)
            summary["remoteNodes"] = new System.Text.Json.Nodes.JsonArray(elsewhere.Select(n => (System.Text.Json.Nodes.JsonNode)$"{n.Name} ({n.Host}:{n.Port})").ToArray());
        var recoveries = new System.Text.Json.Nodes.JsonObject();
        foreach (var group in console.Recoveries.GroupBy(r => r.Node))
            recoveries[group.Key] = new System.Text.Json.Nodes.JsonArray(group.Select(r => (System.Text.Json.Nodes.JsonNode)Math.Round(r.Seconds, 3)).ToArray());
        summary["recoverySeconds"] = recoveries;
        var endpoints = new System.Text.Json.Nodes.JsonObject();
        foreach (var (node, url) in MetricsUrls()) endpoints[node] = url;
        if (topology.Metrics is not null) summary["metrics"] = endpoints;
        if (options.SummaryJson is not null)
        {
            RunSummary.Write(options.SummaryJson, summary);
            console.Say($"summary written to {options.SummaryJson}");
        }
        Console.Error.WriteLine(LiveTable.Line(elapsed, final));
        foreach (var shortfall in Shortfalls.Find(final)) console.Say($"short: {shortfall}");
        console.Say($"stopped after {elapsed.TotalSeconds:0.0}s");
        return exitCode;
    }

    // Counts over the last 80% of the measured run (at most the last 30 s).
    /// <summary>The longest a starting node holds a start slot before it reports.</summary>
    private static readonly TimeSpan StartTurnLimit = TimeSpan.FromSeconds(20);

    /// <summary>Starts each process when a start slot is free (<see cref="NodeStartGate"/>), in order.</summary>
    private static async Task StartInTurnsAsync(IReadOnlyList<NodeProcess> processes, NodeStartGate gate, CancellationToken cancel)
    {
        foreach (var process in processes)
        {
            IDisposable turn;
            try { turn = await gate.EnterAsync(cancel).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            process.Start(turn);
        }
    }

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
        yield return "node";
        yield return Path.GetFullPath(options.File);
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
