using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>
/// Gradient-orientation histogram of one frame at several scales: <paramref name="Histogram"/> holds
/// Scales x Bins values (scale-major), each scale's bins normalised to sum 1 (magnitude-weighted).
/// </summary>
public sealed record EdgeHistogram(string CameraId, long Sequence, int Scales, int Bins, float[] Histogram,
    double MeanMagnitude, double EdgeDensity) : IAnalysisResult;
