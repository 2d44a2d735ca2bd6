using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>Mean colour of one frame (0..255 per channel) and the camera's frame rate over the last window.</summary>
public sealed record FrameStatistics(string CameraId, long Sequence, long FrameCount, double MeanR, double MeanG,
    double MeanB, double Fps) : IAnalysisResult;
