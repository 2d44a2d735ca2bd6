namespace Valkka.Chaos.Soak;

/// <summary>
/// `valkka soak FILE`: runs the topology under supervision (on free ports) for the duration and
/// samples every node each interval: RSS, open fds, threads and the threads it started (/proc), GC
/// heap (the node's own report) and the topology's /dev/shm bytes. Growth is the last sample
/// against the first one after the warm-up, the trend of every sample after it and the growth of
/// its peaks (<see cref="SoakReport"/>). With <see cref="SoakOptions.Churn"/> parts and viewers come and go
/// meanwhile (<see cref="SoakChurn"/>).
/// </summary>
public sealed class SoakRunner(SoakOptions options)
{
    public async Task<SoakReport> RunAsync(CancellationToken stop)
    {
        using var topology = ChaosTopology.Create(options.File, rtspCameraId: null, withFaultParts: false);
        var logPath = options.LogPath ?? Path.Combine(Path.GetTempPath(), $"valkka-soak-{topology.Definition.Name}-{Environment.ProcessId}.log");
        using var console = new Valkka.Nodes.Launcher.RunConsole(logPath, echoToStderr: false);
        var output = new ChaosOutput(console);
        var report = new SoakReport(topology.Definition.Name, options.Warmup);
        Console.Error.WriteLine($"soak of {topology.Definition.Name} for {options.Duration}, a sample every {options.Interval}; log {logPath}");
        var nodes = new ChaosNodes(topology, output, options.ValkkaDll);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var threadStarts = new ThreadStarts();
        using var stopPolling = new CancellationTokenSource();
        var polling = Task.CompletedTask;
        var churning = Task.CompletedTask;
        var churn = options.Churn is null ? null : await ChurnParts.StartAsync(topology, nodes, output, clock);
        try
        {
            nodes.Start();
            polling = threadStarts.PollAsync(() => nodes.Names.Select(nodes.Pid).OfType<int>().ToList(), stopPolling.Token);
            if (churn is not null) churning = churn.Churn.RunAsync(options.Churn!.Value, clock, stopPolling.Token);
            while (clock.Elapsed < options.Duration && !stop.IsCancellationRequested)
            {
                try { await Task.Delay(options.Interval, stop); } catch (OperationCanceledException) { break; }
                var shm = topology.Rings().Sum(r => new FileInfo(r).Length);
                foreach (var node in nodes.Names)
                {
                    if (nodes.Pid(node) is not { } pid || ProcessSample.Read(pid) is not { } p) continue;
                    var heap = output.LatestReports.TryGetValue(node, out var r) ? r.GcHeapBytes : 0;
                    var sample = new SoakSample(clock.Elapsed, node, pid, p.RssBytes, p.OpenFds, p.Threads, heap, shm, threadStarts.Take(pid),
                        ThreadNames.Of(pid) ?? []);
                    report.Add(sample);
                    Console.Error.WriteLine(SoakReport.Row(sample));
                }
            }
        }
        finally
        {
            await stopPolling.CancelAsync();
            await polling;
            await churning;
            // The live view first: its actor system would log every node it loses as they stop.
            if (churn is not null) await churn.DisposeAsync();
            await nodes.DisposeAsync();
            report.Restarts = nodes.TotalRestarts;
            if (churn is not null)
            {
                report.SetChurn(churn.Churn.Done, churn.Churn.Problems);
                report.CountFromAtLeast(churn.Churn.FirstRoundEnded ?? clock.Elapsed);
            }
        }
        return report;
    }
}
