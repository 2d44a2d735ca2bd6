using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>valkka bench python's C# client analyzer: touches one pixel of each frame, as bench/python/touch.py does.</summary>
public sealed class TouchAnalyzer : IFrameAnalyzer
{
    public long Sum { get; private set; }

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        Sum += frame.Pixels[0];
        return null;
    }
}
