using System.Globalization;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Placement;

/// <summary>
/// What a camera costs the node that decodes it, for spreading cameras: its pixels per second (width x height x
/// fps). Decoding and converting scale with pixels; the size comes from key size, else from the URL's size=WxH
/// (synthetic and pattern sources), else 1280x720; the rate from the URL's fps=, else 25. A real camera's own
/// size and rate are known only once it is open, after it was placed: the defaults stand for it.
/// </summary>
public static class CameraWeight
{
    public const int DefaultWidth = 1280, DefaultHeight = 720;
    public const double DefaultFps = 25;

    public static long Of(CameraDefinition camera)
    {
        var (width, height) = camera.Size is { } s ? (s.Width, s.Height) : UrlSize(camera.Url) ?? (DefaultWidth, DefaultHeight);
        var fps = Query(camera.Url, "fps") is { } f && double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : DefaultFps;
        return (long)(width * (double)height * fps);
    }

    private static (int, int)? UrlSize(string url) =>
        Query(url, "size") is { } text && FrameSize.TryParse(text, out var size) ? (size.Width, size.Height) : null;

    private static string? Query(string url, string key)
    {
        var q = url.IndexOf('?');
        if (q < 0) return null;
        foreach (var pair in url[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == key) return pair[(eq + 1)..];
        }
        return null;
    }
}
