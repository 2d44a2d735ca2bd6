using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>Motion in one frame: the fraction of the downscaled grid that changed since the previous frame.</summary>
public sealed record MotionResult(string CameraId, long Sequence, long TimestampMs, double MotionFraction, bool Motion)
    : IAnalysisResult;
