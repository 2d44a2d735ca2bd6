using System.Diagnostics;
using System.Globalization;

namespace Valkka.Media.Sources;

/// <summary>
/// Test-pattern clips for synthetic:// cameras, made once with the ffmpeg CLI into
/// $XDG_CACHE_HOME/valkka (or ~/.cache/valkka). A clip is written under a temporary name and
/// renamed into place, so processes running in parallel never read a half-written clip.
/// </summary>
public static class SyntheticClipCache
{
    private static readonly object Gate = new();

    public static string Directory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "valkka");
        }
    }

    /// <summary>The path of the clip (10 s, key frame every 25 frames), generating it if missing.</summary>
    public static string GetOrCreate(string lavfiSource, int width, int height, double fps, string codec,
                                     CancellationToken cancel = default) =>
        GetOrCreate(Directory, lavfiSource, width, height, fps, codec, cancel);

    /// <summary>As above, in the given cache folder.</summary>
    public static string GetOrCreate(string directory, string lavfiSource, int width, int height, double fps, string codec,
                                     CancellationToken cancel = default)
    {
        var rate = fps.ToString("0.###", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, $"{lavfiSource}-{width}x{height}-{rate}fps-{codec}.mp4");
        if (File.Exists(path)) return path;
        lock (Gate)
        {
            if (File.Exists(path)) return path;
            System.IO.Directory.CreateDirectory(directory);
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                Generate(lavfiSource, width, height, rate, codec, temp, cancel);
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return path;
    }

    private static void Generate(string source, int width, int height, string rate, string codec, string output,
                                 CancellationToken cancel)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                     "-i", $"{source}=size={width}x{height}:rate={rate}", "-t", "10", "-pix_fmt", "yuv420p", "-g", "25", "-bf", "0" })
            start.ArgumentList.Add(arg);
        if (codec == "hevc")
            foreach (var arg in new[] { "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1" })
                start.ArgumentList.Add(arg);
        else
            foreach (var arg in new[] { "-c:v", "libx264", "-preset", "veryfast" })
                start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "-f", "mp4", output }) start.ArgumentList.Add(arg);

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run the ffmpeg CLI to generate a synthetic clip ({e.Message}): install the 'ffmpeg' package", e);
        }
        using var process = started ?? throw new InvalidOperationException("could not start ffmpeg to generate a synthetic clip");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            process.WaitForExitAsync(cancel).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"ffmpeg could not generate the synthetic clip '{source}' {width}x{height}@{rate} {codec}: {errors.Result.Trim()}");
    }
}
