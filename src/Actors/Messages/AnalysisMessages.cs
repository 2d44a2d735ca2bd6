using Valkka.Actors.Analysis;

namespace Valkka.Actors.Messages;

/// <summary>A master's answer to one forwarded frame, routed back to the client that asked.</summary>
public sealed record MasterResult(string ClientId, string CameraId, long Sequence, IAnalysisResult Result);
