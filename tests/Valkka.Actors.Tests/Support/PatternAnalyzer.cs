using System.Collections.Concurrent;
using Valkka.Actors.Analysis;
using Valkka.Media.Sources;

namespace Valkka.Actors.Tests.Support;

/// <summary>Checks every frame's pattern (pixel rows encode the frame number), optionally slowly, optionally forwarding.</summary>
public sealed class PatternAnalyzer(TimeSpan delay = default, bool forward = false) : IFrameAnalyzer, IFrameAnalyzerFactory
{
    public IFrameAnalyzer Create() => this;

    private long _intact, _corrupt, _outOfOrder;
    private long _lastSequence = -1;

    public long Intact => Interlocked.Read(ref _intact);
    public long Corrupt => Interlocked.Read(ref _corrupt);
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);
    /// <summary>Frame number seen per (camera, sequence), for checking master results.</summary>
    public ConcurrentDictionary<(string, long), long> Seen { get; } = new();
    public ConcurrentQueue<Messages.MasterResult> MasterResults { get; } = new();

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        var number = PatternFrames.Verify(frame.Pixels, frame.Width, frame.Height, frame.Stride);
        if (number is null) Interlocked.Increment(ref _corrupt);
        else
        {
            Interlocked.Increment(ref _intact);
            Seen[(frame.CameraId, frame.Sequence)] = number.Value;
        }
        if (frame.Sequence <= _lastSequence) Interlocked.Increment(ref _outOfOrder);
        _lastSequence = frame.Sequence;
        if (forward && context.HasMaster) context.ForwardToMaster();
        if (delay > TimeSpan.Zero) Thread.Sleep(delay);
        return null;
    }

    public void OnMasterResult(Messages.MasterResult result, IClientContext context) => MasterResults.Enqueue(result);
}
