using System.Diagnostics;

namespace Valkka.Bench;

/// <summary>
/// The decode benchmark's clip: 1280x720, 25 fps H.264 at about 2 Mbit/s (a typical IP camera's main
/// stream), a moving test pattern with light noise so frames are not trivially compressible. Made once
/// with the ffmpeg CLI into $XDG_CACHE_HOME/valkka/bench (or ~/.cache/valkka/bench).
/// </summary>
public static class BenchClip
{
    public const int Fps = 25;

    public static string Ensure720p25(int seconds, ClipShape shape = ClipShape.Gop50BFrames)
    {
        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
            ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var dir = Path.Combine(cacheRoot, "valkka", "bench");
        Directory.CreateDirectory(dir);
        // "fixed-gop": clips made before scene-cut detection was turned off had other keyframe intervals.
        var path = Path.Combine(dir, $"testsrc2-1280x720-25fps-2M-{seconds}s-{ClipShapes.Name(shape)}-fixed-gop.mp4");
        if (File.Exists(path)) return path;
        var tmp = path + $".{Environment.ProcessId}.tmp.mp4";
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate={Fps}",
            "-vf", "noise=alls=8:allf=t", "-t", $"{seconds}", "-c:v", "libx264", "-preset", "veryfast",
            "-b:v", "2M", "-maxrate", "2M", "-bufsize", "4M", .. ClipShapes.EncoderArguments(shape), "-pix_fmt", "yuv420p", "-an", tmp,
        ];
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg (install Debian's ffmpeg)");
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { File.Delete(tmp); throw new InvalidOperationException($"ffmpeg could not make the bench clip: {err.Result.Trim()}"); }
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
