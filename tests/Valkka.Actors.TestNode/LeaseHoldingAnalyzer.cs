using Valkka.Actors.Analysis;

namespace Valkka.Actors.TestNode;

/// <summary>Blocks inside the first frame it gets, so its client holds that frame's lease until the process dies.</summary>
public sealed class LeaseHoldingAnalyzer : IFrameAnalyzer
{
    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        Console.WriteLine($"HOLDING {frame.CameraId} {frame.Sequence}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return null;
    }
}
