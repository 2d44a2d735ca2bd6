using System.Security.Cryptography;
using Valkka.Actors.Analysis;

namespace Valkka.Nodes.Tests.Support;

/// <summary>Prints "CHECKSUM camera stream-frame-index sha256" for every frame it analyzes, to compare the same frames on two hosts.</summary>
public sealed class ChecksumAnalyzer : IFrameAnalyzer
{
    public const string Prefix = "CHECKSUM ";

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        Console.Out.WriteLine($"{Prefix}{frame.CameraId} {frame.StreamFrameIndex} {Convert.ToHexString(SHA256.HashData(frame.Pixels))}");
        return null;
    }
}
