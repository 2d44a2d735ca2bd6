using Valkka.Actors.Analysis;

namespace Valkka.Samples.Faces;

/// <summary>The master could not run face detection on this frame (e.g. it was not a tensor frame); says why.</summary>
public sealed record FaceDetectionFailed(string CameraId, long Sequence, string Reason) : IAnalysisResult;
