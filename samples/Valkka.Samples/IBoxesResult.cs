using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>A result that carries boxes in frame coordinates (e.g. faces); the snapshot writer draws them.</summary>
public interface IBoxesResult : IAnalysisResult
{
    IReadOnlyList<DetectionBox> Boxes { get; }
}
