using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.Support;

/// <summary>A result type of the "analyzer assembly" (this one), so it is allowlisted.</summary>
public sealed record TestResult(string Label, long FrameNumber, double Score) : IAnalysisResult;

/// <summary>A message type the serializer must refuse (not a project message, not an IAnalysisResult).</summary>
public sealed record NotAllowlisted(string Payload);
