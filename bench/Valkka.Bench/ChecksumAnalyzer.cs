using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>The transport benchmark's client analyzer: reads every byte of the frame in place.</summary>
public sealed class ChecksumAnalyzer : IFrameAnalyzer
{
    public ulong Sum { get; private set; }
    public long Frames { get; private set; }

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        Sum += FrameChecksum.Of(frame.Pixels);
        Frames++;
        return null;
    }
}
