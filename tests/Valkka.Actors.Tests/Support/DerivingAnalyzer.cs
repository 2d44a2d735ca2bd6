using System.Collections.Concurrent;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Tests.Support;

/// <summary>Forwards a derived frame (the top-left quarter) to the master and remembers its checksum per source sequence.</summary>
public sealed class DerivingAnalyzer : IFrameAnalyzer, IFrameAnalyzerFactory
{
    public IFrameAnalyzer Create() => this;
    public ConcurrentDictionary<long, double> Written { get; } = new();
    public ConcurrentQueue<MasterResult> Results { get; } = new();
    public long Dropped;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        int w = frame.Width / 2, h = frame.Height / 2;
        var info = new FrameInfo(w, h, w * 3, PixelFormat.Rgb24, 0, w * 3 * h);
        double checksum = 0;
        bool sent = context.ForwardDerived(info, (in FrameView source, Span<byte> destination) =>
        {
            for (int y = 0; y < h; y++) source.Row(y)[..(w * 3)].CopyTo(destination.Slice(y * w * 3, w * 3));
            checksum = Checksum.Of(destination);
        });
        if (sent) Written[frame.Sequence] = checksum;
        else Interlocked.Increment(ref Dropped);
        return null;
    }

    public void OnMasterResult(MasterResult result, IClientContext context) => Results.Enqueue(result);
}
