namespace Valkka.Actors.Analysis;

/// <summary>
/// What a client gets instead of a result when the master could not analyze its frame: the
/// master's batch analyzer threw, returned the wrong number of results, or did not return within
/// the master's analyze-timeout. Reason says which, in words.
/// </summary>
public sealed record AnalysisFailed(string MasterId, string Reason) : IAnalysisResult;
