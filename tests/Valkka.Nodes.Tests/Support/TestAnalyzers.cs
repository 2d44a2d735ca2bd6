using Valkka.Actors.Analysis;

namespace Valkka.Nodes.Tests.Support;

/// <summary>Analyzers that exist only so that topology validation has loadable types to point at.</summary>
public sealed class NullFrameAnalyzer : IFrameAnalyzer
{
    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context) => null;
}

public sealed class NullBatchAnalyzer : IBatchAnalyzer
{
    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results) { }
}

public sealed class AnalyzerWithoutUsableConstructor(int unused) : IFrameAnalyzer
{
    public int Unused { get; } = unused;
    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context) => null;
}
