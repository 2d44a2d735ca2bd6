namespace Valkka.Actors.Analysis;

public static class BatchAnalyzerExtensions
{
    /// <summary>
    /// Runs analyzer on frames as the master would and returns the results, one per frame in order
    /// (null where it gave none). Allocates: for unit tests and tools, not for a hot path.
    /// </summary>
    public static IReadOnlyList<IAnalysisResult?> AnalyzeBatch(this IBatchAnalyzer analyzer, params ReadOnlySpan<BatchFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var results = new IAnalysisResult?[frames.Length];
        analyzer.AnalyzeBatch(new FrameBatch(frames), results);
        return results;
    }
}
