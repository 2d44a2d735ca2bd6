using Valkka.Media.Frames;

namespace Valkka.Media.Tests;

public sealed class JpegEncoderTests
{
    // Four vertical bars: red, green, blue, white.
    private static readonly byte[][] Bars = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]];

    [Fact]
    public void ScalesDownAndEncodesAJpegThatFfmpegDecodesToTheSameBars()
    {
        const int w = 640, h = 360, stride = w * 3 + 16;
        var rgb = new byte[stride * h];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
            Bars[x * 4 / w].CopyTo(rgb, y * stride + x * 3);

        using var encoder = new JpegEncoder(320);
        var jpeg = encoder.Encode(rgb, w, h, stride).ToArray();
        Assert.Equal((320, 180), (encoder.OutputWidth, encoder.OutputHeight));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);                  // SOI
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);                 // EOI

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("bars.jpg"), jpeg);
        Assert.Equal((320, 180), Ffmpeg.Size(temp.File("bars.jpg")));
        var decoded = Ffmpeg.DecodeRgb24(temp.File("bars.jpg"));
        for (var bar = 0; bar < 4; bar++)
        {
            var at = (90 * 320 + bar * 80 + 40) * 3;
            for (var c = 0; c < 3; c++)
                Assert.InRange(decoded[at + c], Bars[bar][c] - 24, Bars[bar][c] + 24);
        }

        // The same encoder again, and after a size change: still a JPEG of the new shape.
        Assert.Equal(jpeg.Length, encoder.Encode(rgb, w, h, stride).Length);
        encoder.Encode(rgb, 320, 240, stride);
        Assert.Equal((320, 240), (encoder.OutputWidth, encoder.OutputHeight));
    }

    [Fact]
    public void ASourceTooSmallForItsSizeIsRefused()
    {
        using var encoder = new JpegEncoder(320);
        var e = Assert.Throws<ArgumentException>(() => encoder.Encode(new byte[100], 64, 48, 64 * 3));
        Assert.Contains("64x48", e.Message);
    }
}
