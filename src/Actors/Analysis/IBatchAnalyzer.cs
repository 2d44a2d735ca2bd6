namespace Valkka.Actors.Analysis;

/// <summary>A heavy analyzer shared by many clients, called on the master's analyzer thread once per batch (see MasterSettings.AnalyzeTimeout).</summary>
public interface IBatchAnalyzer
{
    /// <summary>
    /// Analyzes frames and writes the result of frames[i] into results[i]: results has exactly one
    /// entry per frame. An entry left null sends that frame's client no answer.
    /// </summary>
    void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results);
}
