using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Valkka.Bench;

/// <summary>
/// The decode baseline: <c>ffmpeg -i clip -pix_fmt rgb24 -f null -</c> (plus -benchmark, which makes
/// ffmpeg print its own user and system CPU time). Returns frames, wall seconds and CPU seconds.
/// </summary>
public static partial class FfmpegBaseline
{
    public static readonly string[] CommandShape = ["ffmpeg", "-i", "CLIP", "-pix_fmt", "rgb24", "-f", "null", "-"];

    public static TransportRun Run(string clip)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-nostdin", "-benchmark", "-i", clip, "-pix_fmt", "rgb24", "-f", "null", "-" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed on {clip}: {stderr.Trim()}");
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
