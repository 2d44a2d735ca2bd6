using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

/// <summary>
/// Loads the face-detection master's analyzer once per test class, both batch modes. If the model
/// cannot be fetched (no npm registry), construction throws and every test using it fails with
/// that message: it is never skipped.
/// </summary>
public sealed class BlazeFaceFixture : IDisposable
{
    public BlazeFaceFixture()
    {
        Sequential = new FaceDetectionBatchAnalyzer(AnalyzerSettings.Parse("batch-mode = sequential"));
        Dynamic = new FaceDetectionBatchAnalyzer(AnalyzerSettings.Parse("batch-mode = dynamic, max-batch = 4"));
    }

    public FaceDetectionBatchAnalyzer Sequential { get; }
    public FaceDetectionBatchAnalyzer Dynamic { get; }

    public void Dispose()
    {
        Sequential.Dispose();
        Dynamic.Dispose();
    }
}
