using Humanizer;
using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;

namespace Valkka.TestPlugin;

/// <summary>
/// Writes the version of the Humanizer assembly its plugin folder loaded (and proves it works) into
/// the file named by the setting report, once, on its first frame.
/// </summary>
public sealed class HumanizerVersionAnalyzer(AnalyzerSettings settings, ILogger log) : IFrameAnalyzer
{
    private readonly string _report = settings.GetString("report", "");
    private bool _written;

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (_written) return null;
        _written = true;
        var version = typeof(StringHumanizeExtensions).Assembly.GetName().Version;
        var words = "frame_from_camera".Humanize();
        log.LogInformation("{Client} loaded Humanizer {Version}: {Words}", context.ClientId, version, words);
        File.WriteAllText(_report, $"{version} {words}");
        return null;
    }
}
