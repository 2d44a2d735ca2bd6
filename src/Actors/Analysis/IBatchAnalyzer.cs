namespace Valkka.Actors.Analysis;

/// <summary>A heavy analyzer shared by many clients, called on the master's analyzer thread once per batch (see MasterSettings.AnalyzeTimeout).</summary>
public interface IBatchAnalyzer
{
    /// <summary>Exactly one result per frame, in the same order.</summary>
    IReadOnlyList<IAnalysisResult> AnalyzeBatch(ReadOnlySpan<FrameView> frames);
}
