using Valkka.Actors.Analysis;

namespace Valkka.Actors.Masters;

/// <summary>
/// How one batch analyzer call ended: Results (one per frame of the batch, null: no answer; the
/// analyzer thread's own array, valid until its next call), or Failure in words; Abandoned is the
/// thread of a call given up at the timeout (its frames' rings stay mapped until it ends).
/// </summary>
internal readonly record struct BatchOutcome(IAnalysisResult?[]? Results, string? Failure, AnalyzerThread? Abandoned = null);
