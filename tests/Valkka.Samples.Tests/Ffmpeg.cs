using System.Diagnostics;

namespace Valkka.Samples.Tests;

/// <summary>Runs the ffmpeg CLI (a real decoder/encoder, used to cross-check our pixels).</summary>
public static class Ffmpeg
{
    public static byte[] Run(params string[] args) => Run(args, TimeSpan.FromMinutes(2));

    public static byte[] Run(string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-nostdin" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var stderr = p.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(output);
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"ffmpeg {string.Join(' ', args)} did not finish in {timeout}");
        }
        copy.Wait();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return output.ToArray();
    }

    /// <summary>Decodes an image or clip to tightly packed RGB24 frames.</summary>
    public static byte[] DecodeRgb24(string path) =>
        Run("-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");

    public static (int Width, int Height) Size(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                     "-of", "csv=p=0", path })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        var parts = text.Split(',');
        if (p.ExitCode != 0 || parts.Length < 2)
            throw new InvalidOperationException($"ffprobe could not read the size of {path}: '{text}' {p.StandardError.ReadToEnd()}");
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
