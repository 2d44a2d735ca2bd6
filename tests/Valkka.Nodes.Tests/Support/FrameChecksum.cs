using Valkka.Actors.Analysis;

namespace Valkka.Nodes.Tests.Support;

/// <summary>The SHA-256 of a frame's pixels, as a master result.</summary>
public sealed record FrameChecksum(string CameraId, long StreamFrameIndex, string Sha256) : IAnalysisResult;
