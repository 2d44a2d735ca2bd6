using System.Globalization;

namespace Valkka.Actors.Topology;

/// <summary>A frame size written as WIDTHxHEIGHT, e.g. 1280x720.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    public long Rgb24Bytes => (long)Width * Height * 3;

    public static bool TryParse(string? text, out FrameSize size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('x', 'X');
        if (parts.Length != 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
        if (w < 16 || h < 16 || w > 16384 || h > 16384) return false;
        size = new FrameSize(w, h);
        return true;
    }

    public override string ToString() => $"{Width}x{Height}";
}
