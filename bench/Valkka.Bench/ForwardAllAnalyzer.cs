using System.Diagnostics;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Bench;

/// <summary>
/// The batching benchmark's client analyzer: forwards every frame to the master and times each
/// request from the forward to the master's result for it (one sample per answered request).
/// </summary>
public sealed class ForwardAllAnalyzer(LatencySamples samples) : IFrameAnalyzer
{
    private readonly Dictionary<(string Camera, long Sequence), long> _sent = new();

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (_sent.Count > 10_000) _sent.Clear(); // requests the master skipped (latest wins) never come back
        _sent[(frame.CameraId, frame.Sequence)] = Stopwatch.GetTimestamp();
        context.ForwardToMaster();
        return null;
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        if (_sent.Remove((result.CameraId, result.Sequence), out var at))
            samples.Add(Stopwatch.GetElapsedTime(at).TotalMicroseconds);
    }
}
