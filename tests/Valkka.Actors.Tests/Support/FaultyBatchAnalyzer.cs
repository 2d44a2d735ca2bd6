using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.Support;

/// <summary>
/// A batch analyzer whose first call throws or hangs (until <see cref="ReleaseHang"/>); every later
/// call answers as <see cref="PatternBatchAnalyzer"/> does.
/// </summary>
public sealed class FaultyBatchAnalyzer(bool hang) : IBatchAnalyzer
{
    private readonly PatternBatchAnalyzer _healthy = new();
    private readonly ManualResetEventSlim _release = new(false);
    private int _calls;

    public ManualResetEventSlim Entered { get; } = new(false);

    public void ReleaseHang() => _release.Set();

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Entered.Set();
            if (!hang) throw new InvalidOperationException("analyzer fault injected by the test");
            _release.Wait();
        }
        _healthy.AnalyzeBatch(frames, results);
    }
}
