using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>
/// The apply benchmark's client analyzer: at its first frame writes "NOW_MS CAPTURE_MS" (Unix ms: when it
/// analyzed the frame, and the frame's capture time) to the file its setting "mark" names, then does nothing.
/// </summary>
public sealed class FirstFrameMarkAnalyzer(AnalyzerSettings settings) : IFrameAnalyzer
{
    private readonly string? _mark = settings.GetString("mark", "") is { Length: > 0 } path ? path : null;
    private bool _marked;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (_marked || _mark is null) return null;
        _marked = true;
        File.WriteAllText(_mark, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {frame.TimestampMs}");
        return null;
    }
}
