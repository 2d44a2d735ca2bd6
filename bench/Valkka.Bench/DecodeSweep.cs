using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench decode-sweep</c>: every case of issue 16 in one run (each clip shape x each rate
/// with the rate decoder, plus the decoder before rates at 25 fps per shape), the ffmpeg CLI doing
/// one camera's job at each shape and rate, and the goals as ratios. Each case finds its
/// largest clean N with <see cref="DecodeSearch"/> under a time cap, so the whole run has a known length.
/// </summary>
public static class DecodeSweep
{
    /// <summary>The goal at keyframe rate.</summary>
    public const int KeyframeRateGoal = 150;

    public static BenchReport Run(DecodeSweepOptions o, TextWriter log)
    {
        var cases = DecodeCase.All(o).ToList();
        log.WriteLine($"decode-sweep: {cases.Count} cases, at most {o.CaseSeconds} s each (+ one step's overrun), steps of {o.WarmupSeconds}+{o.StepSeconds} s, N up to {o.Max}");
        var clock = Stopwatch.StartNew();
        var clips = o.Shapes.ToDictionary(s => s, s => BenchClip.Ensure720p25(o.ClipSeconds, s));
        var ffmpeg = new Dictionary<(ClipShape, int), FfmpegFigure>();
        foreach (var c in cases)
            if (!ffmpeg.ContainsKey((c.Shape, c.Fps))) ffmpeg[(c.Shape, c.Fps)] = FfmpegFigure.Measure(clips[c.Shape], c.Shape, c.Fps, o.FfmpegRuns, log);

        var results = new List<(DecodeCaseResult Result, DecodeLimits Limits)>();
        foreach (var c in cases)
        {
            var limits = new DecodeLimits(c.RingSlots(o), o.Max);
            int start = o.Start > 0 ? o.Start : (int)Math.Round(ffmpeg[(c.Shape, c.Fps)].LimitCameras / 2);
            log.WriteLine($"case {c.Name}: from {Math.Clamp(start, 1, limits.MaxCameras)} cameras, {limits.RingSlots} ring slots ({RingMiB(limits)} MiB each), up to {limits.MaxCameras}");
            var result = DecodeSearch.Run(c, clips[c.Shape], start, limits.MaxCameras, o, log);
            log.WriteLine($"case {c.Name}: {result.MaxCameras} cameras clean, limited by {result.LimitedBy(limits)}");
            results.Add((result, limits));
        }

        var report = new BenchReport("decode-sweep");
        var json = new JsonArray();
        foreach (var (result, limits) in results) json.Add(result.ToJson(limits, ffmpeg[(result.Case.Shape, result.Case.Fps)]));
        report.Results["cases"] = json;
        report.Results["clip"] = "1280x720 25 fps H.264 2 Mbit/s, testsrc2 with noise (see bench decode)";
        report.Results["client_nodes"] = "one (main1)";
        report.Results["seconds"] = BenchReport.Round(clock.Elapsed.TotalSeconds);
        var goals = new JsonObject();
        report.Results["goals"] = goals;
        SetGoals(report, goals, results.Select(r => r.Result).ToList(), o);
        log.WriteLine();
        log.WriteLine(DecodeSweepTable.Format(results, ffmpeg, report.Ratios, goals));
        return report;
    }

    private static string RingMiB(DecodeLimits limits) => (limits.RingBytes / (double)(1 << 20)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The goals as ratios (>= 1 met): 150 cameras at keyframe rate; at 5 fps 1.6x (B-frames) or 1.1x
    /// the decoder before rates at 25 fps; at 25 fps no fewer than before.</summary>
    private static void SetGoals(BenchReport report, JsonObject goals, List<DecodeCaseResult> results, DecodeSweepOptions o)
    {
        int? Find(ClipShape shape, int fps, bool before) => results.FirstOrDefault(r => r.Case == new DecodeCase(shape, fps, before))?.MaxCameras;
        foreach (var shape in o.Shapes)
        {
            var name = ClipShapes.Name(shape).Replace('-', '_');
            var before25 = Find(shape, 25, true) ?? 0;
            // Keyframe rate: the rate at which the shape's keyframes alone suffice (1 fps for GOP 25).
            int keyframeFps = 25 / ClipShapes.KeyframeInterval(shape);
            if (keyframeFps >= 1 && Find(shape, keyframeFps, false) is { } atKeyRate)
                Set($"{name}_keyframe_rate_cameras_vs_{KeyframeRateGoal}", atKeyRate / (double)KeyframeRateGoal, 1);
            if (before25 == 0) continue;
            if (Find(shape, 5, false) is { } at5)
                Set($"{name}_5fps_vs_before_25fps", at5 / (double)before25, shape == ClipShape.Gop50BFrames ? 1.6 : 1.1);
            if (Find(shape, 25, false) is { } at25)
                Set($"{name}_25fps_rate_vs_before", at25 / (double)before25, 1);
        }

        void Set(string ratio, double value, double goal)
        {
            report.Ratios[ratio] = BenchReport.Round(value);
            goals[ratio] = goal;
        }
    }
}
