using System.Text;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;

namespace Valkka.Actors.Python;

/// <summary>
/// A client's analyzer written in Python (<c>analyzer.python</c>): each frame, whose lease the client
/// holds during this call, goes to the worker process as a reference into its ring; the worker calls
/// the class's <c>analyze(frame)</c> on a numpy view of the slot. Its dict becomes a
/// <see cref="PythonResult"/>, a raise or a worker killed at the timeout throws
/// <see cref="PythonWorkerException"/> (the client counts it as failed and goes on with the next frame).
/// While no worker is ready (starting, restarting) the client skips frames (<see cref="IAnalyzerReadiness"/>).
/// </summary>
internal sealed class PythonFrameAnalyzer : IFrameAnalyzer, IAnalyzerReadiness, IDisposable
{
    private readonly PythonWorker _worker;

    public PythonFrameAnalyzer(PythonWorkerOptions options, ILogger log)
    {
        _worker = new PythonWorker(options, log, $"python client {options.OwnerId}");
        _worker.TryReady(0); // starts it in the background
    }

    internal PythonWorker Worker => _worker;

    public bool IsReady() => _worker.TryReady(1);

    public string? Waiting => _worker.Pid is null ? PythonWorker.Starting : null;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (!_worker.TryReady(1)) throw new PythonWorkerException(PythonWorker.Starting);
        _worker.BeginFrames();
        _worker.AddFrame(frame);
        var replies = _worker.Exchange();
        if (!replies.TryNext(out var status, out var flags, out var payload))
            throw new PythonWorkerException("the worker answered without a result entry");
        if ((flags & WorkerProtocol.FlagForward) != 0 && status != WorkerProtocol.StatusError) context.ForwardToMaster();
        return status switch
        {
            WorkerProtocol.StatusNone => null,
            WorkerProtocol.StatusResult => new PythonResult(frame.CameraId, frame.Sequence, Encoding.UTF8.GetString(payload)),
            _ => throw new PythonWorkerException(Encoding.UTF8.GetString(payload)),
        };
    }

    public void Dispose() => _worker.Dispose();
}
