using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>A snapshot of a camera's frame was saved at <paramref name="Path"/> with that many boxes drawn on it.</summary>
public sealed record SnapshotWritten(string CameraId, long Sequence, string Path, int Boxes) : IAnalysisResult;
