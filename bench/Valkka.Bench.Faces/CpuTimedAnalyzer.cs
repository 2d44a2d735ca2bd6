using Valkka.Samples.Faces;
using Valkka.Actors.Analysis;

namespace Valkka.Bench.Faces;

/// <summary>Measures the thread CPU time the wrapped batch analyzer takes (net, decoding, NMS, results).</summary>
public sealed class CpuTimedAnalyzer(IBatchAnalyzer inner) : IBatchAnalyzer, IDisposable
{
    private double _cpuMs;

    public double CpuMs => Volatile.Read(ref _cpuMs);

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        var start = ThreadCpuClock.Milliseconds();
        inner.AnalyzeBatch(frames, results);
        Volatile.Write(ref _cpuMs, _cpuMs + ThreadCpuClock.Milliseconds() - start);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
