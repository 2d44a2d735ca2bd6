using Valkka.Nodes.LiveView;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// A screenshot of the live view as RGB24, and where the page's fixed layout puts a camera's
/// picture: tiles of 320x180 in a row from (8, 48), 8 px apart (see src/Nodes/Web/page.html).
/// </summary>
public sealed class PagePixels(byte[] rgb, int width)
{
    public const int TileWidth = 320, TileHeight = 180, Left = 8, Top = 48, Gap = 8;

    public static int TileX(int tile) => Left + tile * (TileWidth + Gap);

    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * width + x) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    /// <summary>The pixel at (x, y) of a tile's picture, in page coordinates.</summary>
    public (byte R, byte G, byte B) InTile(int tile, int x, int y) => At(TileX(tile) + x, Top + y);

    public static bool Near((byte R, byte G, byte B) pixel, (int R, int G, int B) expected, int tolerance) =>
        Math.Abs(pixel.R - expected.R) <= tolerance && Math.Abs(pixel.G - expected.G) <= tolerance && Math.Abs(pixel.B - expected.B) <= tolerance;
}
