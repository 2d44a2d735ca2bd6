using Valkka.Chaos.Faults;

namespace Valkka.Chaos;

/// <summary>
/// `valkka chaos FILE`: starts the topology's nodes under supervision, waits until everything
/// flows, measures each camera's rate, then injects the faults one after another (the kill
/// --kills times, the others once), after each waiting up to the limit for every client to analyze
/// >= 90 % of its cameras' rate again and checking the counters and /dev/shm. At the end it stops
/// every node and checks that no ring and no node process is left.
/// </summary>
public sealed class ChaosRunner(ChaosOptions options)
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    public async Task<ChaosReport> RunAsync(CancellationToken stop)
    {
        using var topology = ChaosTopology.Create(options.File, options.RtspCamera, withFaultParts: true);
        var logPath = options.LogPath ?? Path.Combine(Path.GetTempPath(), $"valkka-chaos-{topology.Definition.Name}-{Environment.ProcessId}.log");
        using var console = new Valkka.Nodes.Launcher.RunConsole(logPath, echoToStderr: false);
        var output = new ChaosOutput(console);
        var flow = new FlowCheck(topology.Definition, output.Board);
        var report = new ChaosReport(topology.Definition.Name, options.Seed, logPath) { Hogs = options.Hogs };
        Say($"chaos on {topology.Definition.Name}: {topology.Definition.Nodes.Count} nodes, seed {options.Seed}, log {logPath}");

        using var hogs = new CpuHogs(options.Hogs);
        if (hogs.Count > 0) Say($"{hogs.Count} busy loop(s) load the machine; load average {CpuHogs.LoadAverage()}");
        var nodes = new ChaosNodes(topology, output, options.ValkkaDll);
        try
        {
            nodes.Start();
            var up = await UntilFlowingAsync(nodes, flow, DateTimeOffset.UtcNow + StartupLimit, since: null, stop);
            if (up is null)
            {
                report.StartupProblems = flow.Problems();
                Say("the topology never flowed: " + string.Join("; ", report.StartupProblems));
                return report;
            }
            // The rate over a full window, with every node up.
            await Task.Delay(TimeSpan.FromSeconds(3), stop);
            flow.MeasureCameras();
            Say("camera rates: " + string.Join(", ", flow.CameraFps.Select(kv => $"{kv.Key} {kv.Value:0.0} fps")));
            var baselineRings = topology.Rings().Count;
            var context = new ChaosContext(topology, nodes, output, flow, new Random(options.Seed), options);
            foreach (var fault in Plan())
            {
                if (stop.IsCancellationRequested) break;
                var result = await InjectAsync(fault, context, baselineRings, stop);
                report.Add(result);
                Say(ChaosReport.Row(result));
            }
        }
        finally
        {
            report.LoadAverage = CpuHogs.LoadAverage();
            await nodes.DisposeAsync();
            report.RingsLeft = topology.Rings().Select(Path.GetFileName).ToList()!;
            report.ProcessesLeft = nodes.Alive();
        }
        return report;
    }

    private IEnumerable<IFault> Plan()
    {
        foreach (var name in FaultNames.Order.Where(options.Faults.Contains))
        {
            if (name == FaultNames.Kill)
            {
                for (var i = 0; i < options.Kills; i++) yield return new KillFault();
                continue;
            }
            yield return name switch
            {
                FaultNames.Freeze => new FreezeFault(),
                FaultNames.RtspOutage => new RtspOutageFault(),
                FaultNames.SmallShm => new SmallShmFault(),
                FaultNames.RingGarbage => new RingGarbageFault(),
                FaultNames.RemotingGarbage => new RemotingGarbageFault(),
                _ => new MasterFault(),
            };
        }
    }

    private async Task<FaultResult> InjectAsync(IFault fault, ChaosContext context, int baselineRings, CancellationToken stop)
    {
        var restartsBefore = context.Nodes.TotalRestarts;
        var before = context.Flow.Analyzed();
        var boardBefore = context.Output.Board.Snapshot(TimeSpan.FromSeconds(3));
        Injection injection;
        try
        {
            injection = await fault.InjectAsync(context);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return new FaultResult(fault.Name, "-", null, 0, 0, 0, [$"could not inject: {e.Message}"]);
        }
        if (injection.SkippedBecause is { } why)
            return new FaultResult(fault.Name, injection.Target, null, 0, 0, 0, [], why);

        var problems = injection.Problems.ToList();
        // A kill or freeze is only over once the node reported again: older reports do not count.
        var confirmedAt = await UntilFlowingAsync(context.Nodes, context.Flow, injection.ClearedAt + options.RecoveryLimit,
            since: injection.ClearedAt, stop);
        double? Since(DateTimeOffset? at) => at is { } t ? Math.Max(0, (t - injection.ClearedAt).TotalSeconds) : null;
        var recovery = confirmedAt is { } confirmed ? Since(context.Flow.ResumedAt(injection.ClearedAt) ?? confirmed) : null;
        if (recovery is null)
            problems.AddRange(context.Flow.Problems(since: injection.ClearedAt).Select(p => $"not recovered after {options.RecoveryLimit.TotalSeconds:0}s: {p}"));

        // A node that came back but whose clients (or the clients of its cameras) never analyze enough again.
        var deaf = injection.MayRestart && recovery is null
                   && context.Flow.Failing(injection.ClearedAt).Overlaps(context.Topology.Definition.Clients.Select(c => c.Id));
        var restarts = context.Nodes.TotalRestarts - restartsBefore;
        if (restarts > 0 && !injection.MayRestart) problems.Add($"{restarts} node(s) died and were restarted");
        var board = context.Output.Board.Snapshot(TimeSpan.FromSeconds(3));
        problems.AddRange(CountsCheck.Problems(context.Topology.Definition, boardBefore, board, context.Flow));
        var extraRings = context.Topology.Rings().Count - baselineRings;
        if (problems.Count > 0)
        {
            injection.Cleanup?.Invoke();
            problems.Add(await ResetAsync(context, injection.ClearedAt, injection.ResetParts, stop));
        }
        return new FaultResult(fault.Name, injection.Target, recovery, FramesLost(context, before), restarts, extraRings, problems)
        {
            TargetKind = injection.TargetKind,
            ConfirmedSeconds = Since(confirmedAt),
            Deaf = deaf,
        };
    }

    /// <summary>
    /// After a fault that failed: SIGKILL the nodes of the parts that do not flow and of those the
    /// fault names (the supervisor restarts them), so that the next fault starts from a working topology.
    /// </summary>
    private async Task<string> ResetAsync(ChaosContext context, DateTimeOffset since, IReadOnlySet<string> alsoReset, CancellationToken stop)
    {
        var failing = context.Flow.Failing(since).Concat(alsoReset).ToHashSet();
        // A client may be starved by its camera's broken ring: restart the cameras' nodes too.
        var cameras = context.Topology.Definition.Clients.Where(c => failing.Contains(c.Id)).SelectMany(c => c.Cameras);
        var parts = failing.Concat(cameras).ToHashSet();
        var nodes = context.Nodes.Names.Where(n => context.RunsOn(n).Overlaps(parts)).ToList();
        foreach (var node in nodes)
            if (context.Nodes.Pid(node) is { } pid) Valkka.Shm.ProcessSignals.Kill(pid);
        var killedAt = DateTimeOffset.UtcNow;
        var back = await UntilFlowingAsync(context.Nodes, context.Flow, killedAt + options.RecoveryLimit, since: killedAt, stop);
        if (nodes.Count == 0) return "reset: nothing to restart";
        return $"reset: killed {string.Join(", ", nodes)} to go on; " + (back is null ? "still not flowing" : "flowing again");
    }

    private static long FramesLost(ChaosContext context, IReadOnlyDictionary<string, (long Analyzed, DateTimeOffset At)> before)
    {
        var after = context.Flow.Analyzed();
        double lost = 0;
        foreach (var client in context.Topology.Definition.Clients)
        {
            if (!before.TryGetValue(client.Id, out var b) || !after.TryGetValue(client.Id, out var a)) continue;
            var expected = context.Flow.TargetFps(client) * (a.At - b.At).TotalSeconds;
            lost += Math.Max(0, expected - (a.Analyzed - b.Analyzed));
        }
        return (long)Math.Round(lost);
    }

    private static async Task<DateTimeOffset?> UntilFlowingAsync(ChaosNodes nodes, FlowCheck flow, DateTimeOffset deadline,
        DateTimeOffset? since, CancellationToken stop)
    {
        var flowing = await ChaosWait.UntilAsync(() =>
        {
            nodes.Observe();
            return flow.Problems(since: since).Count == 0;
        }, deadline, stop);
        return flowing ? DateTimeOffset.UtcNow : null;
    }

    private static void Say(string line) => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} [chaos] {line}");
}
