using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Samples;

/// <summary>
/// Client analyzer: frame difference on a downscaled grey copy per camera.
/// Settings: downscale (4: one grid cell per 4x4 pixels), threshold (25: grey-level change that
/// marks a cell as changed), min-fraction (0.005: share of changed cells that counts as motion),
/// report ("motion": a result only for frames with motion; "all": every frame),
/// forward ("motion": frames with motion go to the master; "all"; "never").
/// </summary>
public sealed class MotionDetectorAnalyzer : IFrameAnalyzer
{
    private readonly Dictionary<string, MotionGrid> _grids = new();
    private long _masterResults;

    public MotionDetectorAnalyzer() : this(AnalyzerSettings.Empty) { }

    public MotionDetectorAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        Downscale = Settings.PositiveInt(settings, "downscale", 4);
        Threshold = Settings.PositiveInt(settings, "threshold", 25, min: 0);
        if (Threshold > 255) throw new ArgumentException($"setting 'threshold' must be within 0..255, got {Threshold}");
        MinFraction = Settings.Double(settings, "min-fraction", 0.005, 0, 1);
        ReportAll = Choice(settings, "report", "motion", "motion", "all") == "all";
        Forward = Choice(settings, "forward", "motion", "never", "motion", "all");
    }

    public int Downscale { get; }
    public int Threshold { get; }
    public double MinFraction { get; }
    public bool ReportAll { get; }
    public string Forward { get; }
    public long MasterResultsReceived => Interlocked.Read(ref _masterResults);

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (!_grids.TryGetValue(frame.CameraId, out var grid))
            _grids[frame.CameraId] = grid = new MotionGrid(Downscale, Threshold);

        var fraction = grid.Update(frame);
        var motion = fraction > MinFraction;
        if (context.HasMaster && (Forward == "all" || (Forward == "motion" && motion)))
            context.ForwardToMaster();
        return motion || ReportAll
            ? new MotionResult(frame.CameraId, frame.Sequence, frame.TimestampMs, fraction, motion)
            : null;
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        Interlocked.Increment(ref _masterResults);
        context.Log.LogInformation("{0}: master result for {1} frame {2}: {3}", context.ClientId, result.CameraId,
            result.Sequence, result.Result);
    }

    private static string Choice(AnalyzerSettings c, string key, string fallback, params string[] allowed)
    {
        var value = Settings.String(c, key) ?? fallback;
        if (Array.IndexOf(allowed, value) < 0)
            throw new ArgumentException($"setting '{key}' must be one of {string.Join(", ", allowed)}, got '{value}'");
        return value;
    }
}
