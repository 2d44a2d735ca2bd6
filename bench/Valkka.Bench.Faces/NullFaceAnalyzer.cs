using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

/// <summary>Answers every frame with "no face" without running anything: what the framework alone costs.</summary>
public sealed class NullFaceAnalyzer : IBatchAnalyzer
{
    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        for (var i = 0; i < frames.Count; i++)
            results[i] = FaceDetectionResult.Create(frames[i].CameraId, frames[i].Sequence, 128, 128, []);
    }
}
