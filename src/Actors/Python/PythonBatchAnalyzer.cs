using System.Text;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;

namespace Valkka.Actors.Python;

/// <summary>
/// A master's analyzer written in Python: the batch (frames the master holds leases on during this
/// call) goes to the worker, which calls <c>analyze_batch(frames)</c> with a list of numpy views and
/// answers one result per frame. A raise fails the batch (its clients get AnalysisFailed with the
/// Python message), as a worker killed at its timeout does. While no worker is ready (starting,
/// restarting) the master takes no requests (<see cref="IAnalyzerReadiness"/>); a batch taken before its
/// worker died fails.
/// </summary>
internal sealed class PythonBatchAnalyzer : IBatchAnalyzer, IAnalyzerReadiness, IDisposable
{
    // A call abandoned by the master's guard may still be inside when the next batch comes (on another thread).
    private readonly Lock _gate = new();
    private readonly PythonWorker _worker;
    private readonly string _masterId;

    public PythonBatchAnalyzer(PythonWorkerOptions options, ILogger log)
    {
        _masterId = options.OwnerId;
        _worker = new PythonWorker(options, log, $"python master {options.OwnerId}");
        _worker.TryReady(0); // starts it in the background
    }

    internal PythonWorker Worker => _worker;

    /// <summary>Asked on the master's thread; a call under way (on the analyzer thread) had a ready worker.</summary>
    public bool IsReady()
    {
        if (!_gate.TryEnter()) return true;
        try
        {
            return _worker.TryReady(1);
        }
        finally
        {
            _gate.Exit();
        }
    }

    public string? Waiting => _worker.Pid is null ? PythonWorker.Starting : null;

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        lock (_gate)
        {
            if (!_worker.TryReady(frames.Count)) throw new PythonWorkerException(PythonWorker.Starting);
            _worker.BeginFrames();
            for (int i = 0; i < frames.Count; i++) _worker.AddFrame(frames[i]);
            var replies = _worker.Exchange();
            for (int i = 0; i < frames.Count; i++)
            {
                if (!replies.TryNext(out var status, out _, out var payload))
                    throw new PythonWorkerException($"the worker answered {i} results for {frames.Count} frames");
                if (status == WorkerProtocol.StatusError) throw new PythonWorkerException(Encoding.UTF8.GetString(payload));
                var frame = frames[i];
                results[i] = status == WorkerProtocol.StatusResult
                    ? new PythonResult(frame.CameraId, frame.Sequence, Encoding.UTF8.GetString(payload))
                    : null;
            }
        }
    }

    public override string ToString() => $"Python analyzer of master {_masterId}";

    public void Dispose()
    {
        lock (_gate) _worker.Dispose();
    }
}
