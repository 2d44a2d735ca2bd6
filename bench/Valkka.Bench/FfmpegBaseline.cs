using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Valkka.Bench;

/// <summary>
/// The decode baseline: the ffmpeg CLI doing one camera's job on the clip (plus -benchmark, which
/// makes ffmpeg print its own user and system CPU time): every frame to RGB
/// (<c>ffmpeg -i clip -pix_fmt rgb24 -f null -</c>), only keyframes when the rate needs no more
/// (<c>-skip_frame nokey</c>), or a lower rate (<c>-vf fps=5</c>). Returns frames out, wall seconds and CPU seconds.
/// </summary>
public static partial class FfmpegBaseline
{
    public static readonly string[] CommandShape = ["ffmpeg", "-i", "CLIP", "-pix_fmt", "rgb24", "-f", "null", "-"];

    /// <summary>The arguments for a job: fps null = every frame; keyframeInterval: frames between the clip's keyframes (25 fps clip).</summary>
    public static IReadOnlyList<string> Arguments(string clip, double? fps, int keyframeInterval)
    {
        var args = new List<string>();
        bool keyframesOnly = fps is { } f && f <= 25.0 / keyframeInterval;
        if (keyframesOnly) args.AddRange(["-skip_frame", "nokey"]);
        args.AddRange(["-i", clip]);
        if (!keyframesOnly && fps is { } rate && rate < 25) args.AddRange(["-vf", string.Create(CultureInfo.InvariantCulture, $"fps={rate}")]);
        args.AddRange(["-pix_fmt", "rgb24", "-f", "null", "-"]);
        return args;
    }

    public static TransportRun Run(IReadOnlyList<string> arguments)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-nostdin", "-benchmark" }.Concat(arguments))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {stderr.Trim()}");
        var bench = BenchLine().Match(stderr);
        var frames = FrameCount().Matches(stderr);
        if (!bench.Success || frames.Count == 0) throw new InvalidOperationException($"ffmpeg printed no -benchmark or frame= line: {stderr.Trim()}");
        double Num(string name) => double.Parse(bench.Groups[name].Value, CultureInfo.InvariantCulture);
        long count = long.Parse(frames[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        return new TransportRun(count, Num("rtime"), Num("utime") + Num("stime"));
    }

    [GeneratedRegex(@"bench: utime=(?<utime>[0-9.]+)s stime=(?<stime>[0-9.]+)s rtime=(?<rtime>[0-9.]+)s")]
    private static partial Regex BenchLine();

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameCount();
}
