using Valkka.Actors.Analysis;

namespace Valkka.Actors.Masters;

/// <summary>Runs the master's analysis on one batch; exactly one result per frame, in order.</summary>
internal delegate IReadOnlyList<IAnalysisResult> BatchAnalyzerCall(ReadOnlySpan<FrameView> frames);
