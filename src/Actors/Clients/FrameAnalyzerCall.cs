using Valkka.Actors.Analysis;

namespace Valkka.Actors.Clients;

/// <summary>Runs the client's analysis on one frame; the view is valid only during the call.</summary>
internal delegate IAnalysisResult? FrameAnalyzerCall(in FrameView frame);
