using System.Globalization;

namespace Valkka.TestSupport;

/// <summary>
/// The ffmpeg and ffprobe programs, a real decoder and encoder: they make test clips and the
/// reference pixels that our own decoding is checked against.
/// </summary>
public static class Ffmpeg
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs ffmpeg quietly with these arguments; throws with its stderr when it fails.</summary>
    public static void Run(params string[] args) =>
        ChildProcess.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", .. args], Timeout).ThrowIfFailed();

    /// <summary>A clip of a lavfi test source (yuv420p, a keyframe every 25 frames) in H.264 or, with codec "hevc", H.265.</summary>
    public static void MakeClip(string path, int width, int height, int fps, int frames, string codec = "h264",
                                string source = "testsrc2")
    {
        string[] encoder = codec == "hevc"
            ? ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"]
            : ["-c:v", "libx264", "-preset", "veryfast"];
        Run(["-y", "-f", "lavfi", "-i", $"{source}=size={width}x{height}:rate={fps}", "-frames:v", Text(frames),
             "-pix_fmt", "yuv420p", "-g", "25", .. encoder, path]);
    }

    /// <summary>
    /// A testsrc2 clip in H.264 (25 fps, yuv420p) with a keyframe exactly every gop frames (no scene-cut
    /// keyframes) and bFrames B-frames at most: stream frame n is a keyframe when n % gop == 0.
    /// </summary>
    public static void MakeFixedGopClip(string path, int width, int height, int frames, int gop, int bFrames) =>
        Run(["-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=25", "-frames:v", Text(frames),
             "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-g", Text(gop), "-keyint_min", Text(gop),
             "-sc_threshold", "0", "-bf", Text(bFrames), path]);

    /// <summary>The first frames of a clip as ffmpeg converts them: RGB24, bilinear, rows packed.</summary>
    public static byte[] RawRgb24(string clip, int frames) =>
        Rgb24(["-i", clip, "-frames:v", Text(frames), "-pix_fmt", "rgb24", "-sws_flags", "bilinear"]);

    /// <summary>Every frame of an image or clip as tightly packed RGB24 (ffmpeg's default scaler).</summary>
    public static byte[] DecodeRgb24(string path) => Rgb24(["-i", path, "-pix_fmt", "rgb24"]);

    public static (int Width, int Height) Size(string path)
    {
        var probe = ChildProcess.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
            "-of", "csv=p=0", path], Timeout);
        var parts = probe.Output.Trim().Split(',');
        if (probe.ExitCode != 0 || parts.Length < 2)
            throw new InvalidOperationException($"ffprobe could not read the size of {path}: '{probe.Output.Trim()}' {probe.Errors}");
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static byte[] Rgb24(string[] input)
    {
        var output = Path.Combine(Path.GetTempPath(), $"valkka-ffmpeg-{Guid.NewGuid():N}.rgb");
        try
        {
            Run([.. input, "-f", "rawvideo", output]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
