using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Samples;

/// <summary>
/// Client analyzer: mean colour of a subsampled frame and frames per second, per camera, reported
/// every <c>report-every</c> frames. With <c>forward-every = N</c> (N > 0) every Nth frame of a
/// camera goes to the master (when the client has one); results coming back are logged and counted.
/// Settings: report-every (25), forward-every (0 = never), subsample (8: every 8th pixel and row).
/// </summary>
public sealed class FrameStatisticsAnalyzer : IFrameAnalyzer
{
    private sealed class CameraWindow
    {
        public long Frames;
        public long WindowStartMs = -1;
        public long WindowStartFrame;
    }

    private readonly Dictionary<string, CameraWindow> _cameras = new();
    private long _masterResults;

    public FrameStatisticsAnalyzer() : this(AnalyzerSettings.Empty) { }

    public FrameStatisticsAnalyzer(AnalyzerSettings settings)
    {
        settings ??= AnalyzerSettings.Empty;
        ReportEvery = Settings.PositiveInt(settings, "report-every", 25);
        ForwardEvery = Settings.PositiveInt(settings, "forward-every", 0, min: 0);
        Subsample = Settings.PositiveInt(settings, "subsample", 8);
    }

    public int ReportEvery { get; }
    public int ForwardEvery { get; }
    public int Subsample { get; }
    public long MasterResultsReceived => Interlocked.Read(ref _masterResults);

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        if (!_cameras.TryGetValue(frame.CameraId, out var cam))
            _cameras[frame.CameraId] = cam = new CameraWindow();
        cam.Frames++;
        if (cam.WindowStartMs < 0)
        {
            cam.WindowStartMs = frame.TimestampMs;
            cam.WindowStartFrame = cam.Frames;
        }

        if (ForwardEvery > 0 && context.HasMaster && cam.Frames % ForwardEvery == 0)
            context.ForwardToMaster();

        if (cam.Frames % ReportEvery != 0)
            return null;

        var (r, g, b) = MeanColour(frame, Subsample);
        var elapsedMs = frame.TimestampMs - cam.WindowStartMs;
        var fps = elapsedMs > 0 ? (cam.Frames - cam.WindowStartFrame) * 1000.0 / elapsedMs : 0;
        cam.WindowStartMs = frame.TimestampMs;
        cam.WindowStartFrame = cam.Frames;
        return new FrameStatistics(frame.CameraId, frame.Sequence, cam.Frames, r, g, b, fps);
    }

    public void OnMasterResult(MasterResult result, IClientContext context)
    {
        var n = Interlocked.Increment(ref _masterResults);
        context.Log.LogInformation("{0}: master result #{1} for {2} frame {3}: {4}",
            context.ClientId, n, result.CameraId, result.Sequence, result.Result);
    }

    /// <summary>Mean of every <paramref name="step"/>-th pixel of every <paramref name="step"/>-th row.</summary>
    public static (double R, double G, double B) MeanColour(in FrameView frame, int step)
    {
        var (bpp, ro, go, bo) = FramePixels.Layout(frame);
        long sr = 0, sg = 0, sb = 0, n = 0;
        for (var y = 0; y < frame.Height; y += step)
        {
            var row = frame.Row(y);
            for (int x = 0, i = 0; x < frame.Width; x += step, i += step * bpp)
            {
                sr += row[i + ro];
                sg += row[i + go];
                sb += row[i + bo];
                n++;
            }
        }
        return n == 0 ? (0, 0, 0) : ((double)sr / n, (double)sg / n, (double)sb / n);
    }
}
