using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.Support;

/// <summary>A batch analyzer that "finds" one box per frame, at a place given by the frame's width; every other result has none.</summary>
public sealed class BoxesBatchAnalyzer : IBatchAnalyzer
{
    public sealed record Found(IReadOnlyList<DetectionBox> Boxes) : IBoxesResult;

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        for (int i = 0; i < frames.Count; i++)
            results[i] = new Found([new DetectionBox(frames[i].Width / 4f, 10, 20, 30, 0.75f)]);
    }
}
