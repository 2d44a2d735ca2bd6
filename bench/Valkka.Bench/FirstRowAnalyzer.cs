using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>The decode sweep's default client analyzer: reads the first row of each frame and nothing more.</summary>
public sealed class FirstRowAnalyzer : IFrameAnalyzer
{
    public long Sum { get; private set; }

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        foreach (var b in frame.Row(0)) Sum += b;
        return null;
    }
}
