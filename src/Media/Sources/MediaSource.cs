using System.Globalization;
using Valkka.Media.Decoding;

namespace Valkka.Media.Sources;

/// <summary>A decoder URL, parsed: what to open and how to play it.</summary>
internal sealed record MediaSource(SourceKind Kind, string Location, bool IsNetwork, bool Loop, bool Realtime)
{
    public int Width { get; init; }
    public int Height { get; init; }
    public double Fps { get; init; }
    public string Codec { get; init; } = "h264";

    public static MediaSource Parse(DecoderOptions options)
    {
        var url = options.Url ?? throw new ArgumentException("DecoderOptions.Url is null");
        if (string.IsNullOrWhiteSpace(url)) throw new ArgumentException("DecoderOptions.Url is empty");
        if (url.StartsWith("pattern://", StringComparison.OrdinalIgnoreCase))
        {
            var q = Query(url, "pattern://");
            var (w, h) = Size(q, url, 640, 480);
            return new MediaSource(SourceKind.Pattern, url, false, true, true)
                { Width = w, Height = h, Fps = ParseFps(q, url, 25, allowZero: true) };
        }
        if (url.StartsWith("synthetic://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url["synthetic://".Length..];
            var name = rest.Split('?', 2)[0].TrimEnd('/');
            if (name.Length == 0) name = "testsrc2";
            if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
                throw new ArgumentException($"synthetic source name '{name}' in '{url}' must be a lavfi source such as testsrc2, smptebars or mandelbrot (lowercase letters and digits)");
            var q = Query(url, "synthetic://");
            var (w, h) = Size(q, url, 1280, 720);
            var codec = q.GetValueOrDefault("codec", "h264").ToLowerInvariant();
            if (codec is "h265") codec = "hevc";
            if (codec is not ("h264" or "hevc"))
                throw new ArgumentException($"codec '{codec}' in '{url}' is not supported: use h264 or hevc");
            return new MediaSource(SourceKind.Synthetic, name, false, true, true)
                { Width = w, Height = h, Fps = ParseFps(q, url, 25, allowZero: false), Codec = codec };
        }
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return new MediaSource(SourceKind.LibAv, Uri.UnescapeDataString(url["file://".Length..]), false, options.Loop, options.Realtime);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var isNetwork = scheme > 0;
        return new MediaSource(SourceKind.LibAv, url, isNetwork, !isNetwork && options.Loop, !isNetwork && options.Realtime);
    }

    private static Dictionary<string, string> Query(string url, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = url.IndexOf('?', prefix.Length);
        if (at < 0) return result;
        foreach (var part in url[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) throw new ArgumentException($"'{part}' in '{url}' is not key=value");
            result[kv[0]] = Uri.UnescapeDataString(kv[1]);
        }
        return result;
    }

    private static (int W, int H) Size(Dictionary<string, string> q, string url, int w, int h)
    {
        if (!q.TryGetValue("size", out var size)) return (w, h);
        var parts = size.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out w) &&
            int.TryParse(parts[1], CultureInfo.InvariantCulture, out h) && w is >= 16 and <= 8192 && h is >= 16 and <= 8192)
            return (w, h);
        throw new ArgumentException($"size '{size}' in '{url}' must be WIDTHxHEIGHT between 16x16 and 8192x8192");
    }

    private static double ParseFps(Dictionary<string, string> q, string url, double fallback, bool allowZero)
    {
        if (!q.TryGetValue("fps", out var text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fps) &&
            (fps > 0 || (allowZero && fps == 0)) && fps <= 1000)
            return fps;
        throw new ArgumentException($"fps '{text}' in '{url}' must be a number in (0, 1000]{(allowZero ? " or 0 (unpaced)" : "")}");
    }
}
