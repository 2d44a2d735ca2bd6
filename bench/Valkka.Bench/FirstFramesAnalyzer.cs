using Valkka.Actors.Analysis;

namespace Valkka.Bench;

/// <summary>
/// The failover benchmark's client analyzer: at the first frame of each incarnation (a client started again on another
/// node after its camera moved) appends "NOW_MS" (Unix ms) as a line to the file its setting "mark" names, then does
/// nothing. Lines from several processes go to one file: each is one short append.
/// </summary>
public sealed class FirstFramesAnalyzer(AnalyzerSettings settings) : IFrameAnalyzer
{
    private readonly string? _mark = settings.GetString("mark", "") is { Length: > 0 } path ? path : null;
    private bool _marked;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (_marked || _mark is null) return null;
        _marked = true;
        File.AppendAllText(_mark, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
        return null;
    }
}
