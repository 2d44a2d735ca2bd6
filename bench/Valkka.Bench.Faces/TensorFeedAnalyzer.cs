using System.Collections.Concurrent;
using System.Diagnostics;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>
/// A client analyzer for the benchmark: for every camera frame it writes the next pre-made tensor
/// frame into the client's ring (ForwardDerived, as FacePreprocessingAnalyzer does, minus the resize)
/// and measures the time from forwarding to the master's answer.
/// </summary>
public sealed class TensorFeedAnalyzer : IFrameAnalyzer
{
    private readonly TensorSet _tensors;
    private readonly DerivedFrameWriter _write;
    private readonly Dictionary<long, (long Ticks, int Tensor)> _sent = new();
    private int _next;

    public TensorFeedAnalyzer(TensorSet tensors, int start)
    {
        _tensors = tensors;
        _next = start;
        _write = (in FrameView _, Span<byte> destination) => _tensors.Frame(_next).CopyTo(destination);
    }

    public static volatile bool Recording;
    public static ConcurrentQueue<double> LatenciesMs { get; } = new();
    public static int[]? ExpectedFaces;
    public static long WrongAnswers;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        var now = Stopwatch.GetTimestamp();
        if (context.ForwardDerived(FaceTensorFrame.Info(_tensors.Size, frame.TimestampMs), _write))
        {
            _sent[frame.Sequence] = (now, _next % _tensors.Count);
            if (_sent.Count > 4096) _sent.Clear();   // answers lost to latest-wins at the master never come
        }
        _next++;
        return null;
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        if (!_sent.Remove(result.Sequence, out var sent)) return;
        if (Recording) LatenciesMs.Enqueue(Stopwatch.GetElapsedTime(sent.Ticks).TotalMilliseconds);
        if (ExpectedFaces is { } expected && (result.Result is not FaceDetectionResult faces || faces.Count != expected[sent.Tensor]))
            Interlocked.Increment(ref WrongAnswers);
    }
}
