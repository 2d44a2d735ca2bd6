using System.Diagnostics;

namespace Valkka.Media.Tests.Support;

/// <summary>Runs the ffmpeg CLI: makes test clips and the reference RGB24 output.</summary>
internal static class FfmpegCli
{
    public static void MakeClip(string path, int width, int height, int fps, int frames, string codec = "h264",
                                string source = "testsrc2")
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", $"{source}=size={width}x{height}:rate={fps}", "-frames:v", frames.ToString(), "-pix_fmt", "yuv420p", "-g", "25" };
        args.AddRange(codec == "hevc"
            ? ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"]
            : ["-c:v", "libx264", "-preset", "veryfast"]);
        args.Add(path);
        Run(args);
    }

    /// <summary>The first frames of a clip as ffmpeg converts them: RGB24, bilinear, rows packed.</summary>
    public static byte[] RawRgb24(string clip, int frames)
    {
        var output = clip + $".{frames}.rgb";
        Run(["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", clip, "-frames:v", frames.ToString(),
             "-pix_fmt", "rgb24", "-sws_flags", "bilinear", "-f", "rawvideo", output]);
        var bytes = File.ReadAllBytes(output);
        File.Delete(output);
        return bytes;
    }

    public static void Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException("ffmpeg did not finish in 120 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err}");
    }
}
