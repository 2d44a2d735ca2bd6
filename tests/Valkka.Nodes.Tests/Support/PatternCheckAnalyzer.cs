using System.Globalization;
using Valkka.Actors.Analysis;
using Valkka.Media.Sources;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// A client analyzer for end-to-end tests, loaded by type name in a real node process: checks that
/// every frame it is given is whole (every pixel row encodes the same pattern frame number) and
/// newer than the previous one of its camera, spends work-ms on each frame (so that the camera
/// outruns it and announcements go stale), and writes its counts to the file named by report.
/// </summary>
public sealed class PatternCheckAnalyzer : IFrameAnalyzer, IDisposable
{
    private readonly string _report;
    private readonly TimeSpan _work;
    private readonly Dictionary<string, long> _last = new();
    private long _frames, _torn, _notNewer;

    public PatternCheckAnalyzer(AnalyzerSettings settings)
    {
        _report = settings.Has("report") ? settings.GetString("report", "") : throw new ArgumentException("setting 'report' is required");
        _work = TimeSpan.FromMilliseconds(settings.GetInt("work-ms", 0));
    }

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        _frames++;
        var number = PatternFrames.Verify(frame.Pixels, frame.Width, frame.Height, frame.Stride);
        if (number is null) _torn++;
        else
        {
            if (_last.TryGetValue(frame.CameraId, out var previous) && number <= previous) _notNewer++;
            _last[frame.CameraId] = number.Value;
        }
        if (_work > TimeSpan.Zero) Thread.Sleep(_work);
        if (_frames % 10 == 0) WriteReport();
        return null;
    }

    private void WriteReport()
    {
        var temp = _report + ".tmp";
        File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"{_frames} {_torn} {_notNewer}"));
        File.Move(temp, _report, overwrite: true);
    }

    public void Dispose() => WriteReport();

    /// <summary>(frames, torn, notNewer) as written by an analyzer.</summary>
    public static (long Frames, long Torn, long NotNewer) ReadReport(string path)
    {
        var parts = File.ReadAllText(path).Split(' ').Select(long.Parse).ToArray();
        return (parts[0], parts[1], parts[2]);
    }
}
