using Valkka.Actors.Analysis;

namespace Valkka.Samples;

/// <summary>Draws box outlines into a tightly packed RGB24 image.</summary>
public static class BoxPainter
{
    public static void Draw(Span<byte> rgb, int width, int height, DetectionBox box, int thickness = 2,
        byte r = 255, byte g = 32, byte b = 32)
    {
        var x0 = Math.Clamp((int)MathF.Round(box.X), 0, width - 1);
        var y0 = Math.Clamp((int)MathF.Round(box.Y), 0, height - 1);
        var x1 = Math.Clamp((int)MathF.Round(box.X + box.Width) - 1, 0, width - 1);
        var y1 = Math.Clamp((int)MathF.Round(box.Y + box.Height) - 1, 0, height - 1);
        if (x1 < x0 || y1 < y0) return;
        for (var t = 0; t < thickness; t++)
        {
            HLine(rgb, width, x0, x1, Math.Min(y0 + t, y1), r, g, b);
            HLine(rgb, width, x0, x1, Math.Max(y1 - t, y0), r, g, b);
            VLine(rgb, width, Math.Min(x0 + t, x1), y0, y1, r, g, b);
            VLine(rgb, width, Math.Max(x1 - t, x0), y0, y1, r, g, b);
        }
    }

    private static void HLine(Span<byte> rgb, int width, int x0, int x1, int y, byte r, byte g, byte b)
    {
        for (var x = x0; x <= x1; x++) Put(rgb, (y * width + x) * 3, r, g, b);
    }

    private static void VLine(Span<byte> rgb, int width, int x, int y0, int y1, byte r, byte g, byte b)
    {
        for (var y = y0; y <= y1; y++) Put(rgb, (y * width + x) * 3, r, g, b);
    }

    private static void Put(Span<byte> rgb, int i, byte r, byte g, byte b)
    {
        rgb[i] = r; rgb[i + 1] = g; rgb[i + 2] = b;
    }
}
