using Valkka.Actors.Analysis;

namespace Valkka.Actors.Messages;

/// <summary>A master's answer to one forwarded frame, routed back to the client that asked.</summary>
public sealed record MasterResult(string ClientId, string CameraId, long Sequence, IAnalysisResult Result);

/// <summary>
/// A client asks a master to analyze a frame. RingOwner is the actor that owns Frame.Ring (the
/// camera for a zero-copy forward, the client itself for a derived frame); the master attaches
/// to that ring through it and leases the frame itself. SourceSequence is the camera frame's
/// sequence (for a derived frame Frame.Sequence is the one in the client's ring); the result
/// carries it.
/// </summary>
public sealed record AnalyzeRequest(string ClientId, FrameRef Frame, Akka.Actor.IActorRef RingOwner, long SourceSequence);

/// <summary>A client analyzer's own result, published on the event stream of the client's node.</summary>
public sealed record ClientResult(string ClientId, string CameraId, long Sequence, IAnalysisResult Result);
