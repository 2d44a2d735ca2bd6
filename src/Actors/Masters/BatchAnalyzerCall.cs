using Valkka.Actors.Analysis;

namespace Valkka.Actors.Masters;

/// <summary>Runs the master's analysis on one batch: the result of frames[i] into results[i].</summary>
internal delegate void BatchAnalyzerCall(in FrameBatch frames, Span<IAnalysisResult?> results);
