using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>Answers every frame with "no face" without running anything: what the framework alone costs.</summary>
public sealed class NullFaceAnalyzer : IBatchAnalyzer
{
    public IReadOnlyList<IAnalysisResult> AnalyzeBatch(ReadOnlySpan<FrameView> frames)
    {
        var results = new IAnalysisResult[frames.Length];
        for (var i = 0; i < frames.Length; i++)
            results[i] = FaceDetectionResult.Create(frames[i].CameraId, frames[i].Sequence, 128, 128, []);
        return results;
    }
}
