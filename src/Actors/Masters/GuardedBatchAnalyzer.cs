using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Stats;

namespace Valkka.Actors.Masters;

/// <summary>
/// Runs a master's batch analyzer so that no call can stop the master: a call that throws or does
/// not return within the timeout is a failure for its batch; a
/// call past the timeout is abandoned with its thread and the next batch gets a new thread. While
/// MaxAbandoned calls still hang, batches fail at once instead of leaving yet another thread behind.
/// </summary>
internal sealed class GuardedBatchAnalyzer(MasterSettings settings, ILoggingAdapter log, BatchAnalyzerCall call,
    Action<AnalyzerThread> abandonedCallEnded)
{
    public const int MaxAbandoned = 4;

    private readonly HashSet<AnalyzerThread> _abandoned = new();
    private readonly FailureBurst _failures = new(log, $"Master {settings.MasterId}");
    private AnalyzerThread? _thread;

    /// <summary>Batches that failed (the analyzer threw, miscounted or timed out).</summary>
    public long Failed { get; private set; }

    /// <summary>Calls abandoned at the timeout.</summary>
    public long TimedOut { get; private set; }

    public BatchOutcome Run(ReadOnlySpan<BatchFrame> frames)
    {
        if (_abandoned.Count >= MaxAbandoned)
            return Fail($"{_abandoned.Count} earlier calls of the analyzer still hang past analyze-timeout; batch not analyzed");
        _thread ??= new AnalyzerThread($"valkka-master-{settings.MasterId}", call, settings.MaxBatchSize, abandonedCallEnded);
        if (!_thread.TryRun(frames, settings.AnalyzeTimeout, out var results, out var error))
        {
            var hung = _thread;
            _thread = null;
            _abandoned.Add(hung);
            TimedOut++;
            var outcome = Fail($"the analyzer did not return within analyze-timeout {settings.AnalyzeTimeout.TotalSeconds:0.###} s; call abandoned");
            return outcome with { Abandoned = hung };
        }
        if (error is not null) return Fail($"the analyzer threw {error.GetType().Name}: {error.Message}", error);
        _failures.Succeeded();
        return new BatchOutcome(results, null);
    }

    /// <summary>An abandoned call returned at last: its thread has ended.</summary>
    public void AbandonedCallEnded(AnalyzerThread thread)
    {
        if (_abandoned.Remove(thread))
            log.Warning("Master {0}: an analyzer call abandoned at the timeout returned at last ({1} still hang)", settings.MasterId, _abandoned.Count);
    }

    public void Stop() => _thread?.Stop();

    private BatchOutcome Fail(string reason, Exception? error = null)
    {
        Failed++;
        _failures.Failed(error, reason);
        return new BatchOutcome(null, reason);
    }
}
