using Valkka.Actors.Analysis;

namespace Valkka.Actors.Masters;

/// <summary>
/// How one batch analyzer call ended: Results (one per frame), or Failure in words; Abandoned is the
/// thread of a call given up at the timeout (its frames' rings stay mapped until it ends).
/// </summary>
internal readonly record struct BatchOutcome(IReadOnlyList<IAnalysisResult>? Results, string? Failure, AnalyzerThread? Abandoned = null);
