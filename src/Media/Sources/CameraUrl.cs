using System.Text.RegularExpressions;
using Valkka.Media.Decoding;

namespace Valkka.Media.Sources;

/// <summary>
/// Checks a camera URL before anything opens it, so that a topology names a bad URL when it is
/// validated instead of a camera failing at run time.
/// </summary>
public static partial class CameraUrl
{
    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt", "rtp"];
    private const string Accepted = "rtsp://, rtsps://, rtmp(s)://, http(s)://, udp://, tcp://, srt://, rtp://, file:// or a path, synthetic:// or pattern://";

    /// <summary>Why the decoder cannot open <paramref name="url"/>, or null when its form is one it opens.</summary>
    public static string? Problem(string url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is empty";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return null;
        var scheme = url[..schemeEnd].ToLowerInvariant();
        switch (scheme)
        {
            case "synthetic" or "pattern":
                return SourceProblem(url);
            case "file":
                return url.Length > "file://".Length ? null : "file:// names no file";
        }
        if (Array.IndexOf(NetworkSchemes, scheme) < 0)
            return $"scheme \"{scheme}\" is not a camera stream the decoder opens: use {Accepted}";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return $"\"{scheme}://\" needs a host, as in {scheme}://camera.local:554/stream";
        return null;
    }

    /// <summary>
    /// The text with the user:password of every URL in it replaced by ***, e.g.
    /// rtsp://***@192.168.1.10/stream1: what logs, the live table, the web page and summaries show.
    /// </summary>
    public static string Masked(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal) ? UserInfo().Replace(text, "$1***@") : text;
    }

    // A whole scheme, then :// and the user info: up to the last @ before the host (a password may hold an @), without a / ? #
    // or space. Akka addresses (akka.tcp://valkka@host:port) name a system there, not a user: kept.
    [GeneratedRegex(@"(?<![A-Za-z0-9+.-])(?!akka[.:])([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s]+@")]
    private static partial Regex UserInfo();

    private static string? SourceProblem(string url)
    {
        try
        {
            MediaSource.Parse(new DecoderOptions(url));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
