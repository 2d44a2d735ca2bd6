using Valkka.Nodes.Cli;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Node;

/// <summary>
/// A running node's life after its start: every interval its actors' counters go to the metrics and,
/// as one stats line per report, to stdout (the launcher reads them); it ends when stop is cancelled
/// (a signal, the parent gone) or the actor system terminates.
/// </summary>
internal sealed class NodeReportLoop(string nodeName, INodeRuntime runtime, NodeMetrics metrics, TimeSpan interval)
{
    // Generous: on a busy machine an actor may answer late, and a missing answer leaves a gap in the
    // counters (the next report starts after this one).
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The node's exit code: success when it was asked to stop, a runtime failure when its actor system ended by itself.</summary>
    public async Task<int> RunAsync(ShutdownSignals signals, CancellationToken stop)
    {
        var terminated = runtime.WhenTerminated;
        while (!stop.IsCancellationRequested)
        {
            var tick = Task.Delay(interval, stop);
            if (await Task.WhenAny(tick, terminated) == terminated)
            {
                var requested = runtime.ShutdownRequested || signals.Received is not null;
                Console.Error.WriteLine($"[{nodeName}] actor system terminated{(requested ? "" : " unexpectedly")}");
                return requested ? ExitCodes.Success : ExitCodes.RuntimeFailure;
            }
            try { await tick; } catch (OperationCanceledException) { break; }
            await ReportAsync();
        }
        if (signals.Received is { } signal) Console.Error.WriteLine($"[{nodeName}] {signal} received; shutting down");
        return ExitCodes.Success;
    }

    private async Task ReportAsync()
    {
        var reports = await runtime.CollectAsync(AnswerTimeout);
        metrics.Update(reports);
        foreach (var report in reports)
            Console.Out.WriteLine(StatsLine.Format(report with { GcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes }));
        Console.Out.Flush();
    }
}
