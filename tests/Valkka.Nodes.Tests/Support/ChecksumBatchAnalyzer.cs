using System.Security.Cryptography;
using Valkka.Actors.Analysis;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// A master that prints "MASTERSUM camera stream-frame-index sha256" for every frame it analyzes (to
/// compare its pixels with another host's) and answers each with the checksum.
/// </summary>
public sealed class ChecksumBatchAnalyzer : IBatchAnalyzer
{
    public const string Prefix = "MASTERSUM ";

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var sum = Convert.ToHexString(SHA256.HashData(frame.Pixels));
            Console.Out.WriteLine($"{Prefix}{frame.CameraId} {frame.StreamFrameIndex} {sum}");
            results[i] = new FrameChecksum(frame.CameraId, frame.StreamFrameIndex, sum);
        }
    }
}
