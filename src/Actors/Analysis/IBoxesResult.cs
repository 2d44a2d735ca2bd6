namespace Valkka.Actors.Analysis;

/// <summary>A result that carries boxes in frame coordinates (e.g. faces); the snapshot writer and the live view draw them.</summary>
public interface IBoxesResult : IAnalysisResult
{
    IReadOnlyList<DetectionBox> Boxes { get; }
}
