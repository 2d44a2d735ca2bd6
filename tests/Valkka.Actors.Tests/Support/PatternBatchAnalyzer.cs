using System.Collections.Concurrent;
using Valkka.Actors.Analysis;
using Valkka.Media.Sources;

namespace Valkka.Actors.Tests.Support;

/// <summary>A batch analyzer that reads each frame's pattern number and records batch sizes.</summary>
public sealed class PatternBatchAnalyzer(TimeSpan delayPerBatch = default) : IBatchAnalyzer
{
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        BatchSizes.Enqueue(frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            long number = PatternFrames.Verify(f.Pixels, f.Width, f.Height, f.Stride) ?? -1;
            results[i] = new TestResult(f.CameraId, number, Checksum.Of(f.Pixels));
        }
        if (delayPerBatch > TimeSpan.Zero) Thread.Sleep(delayPerBatch);
    }
}

public static class Checksum
{
    /// <summary>FNV-1a over every 61st byte (enough to tell frames apart, cheap).</summary>
    public static double Of(ReadOnlySpan<byte> bytes)
    {
        uint h = 2166136261;
        for (int i = 0; i < bytes.Length; i += 61) h = (h ^ bytes[i]) * 16777619;
        return h ^ (uint)bytes.Length;
    }
}
