namespace Valkka.Samples.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(97, 61, 0)]
    [InlineData(640, 360, 64)]
    [InlineData(1280, 720, 0)]   // its compressed image takes several 64 kB IDAT chunks
    public void Ffmpeg_decodes_our_png_back_to_the_same_pixels(int width, int height, int padding)
    {
        using var folder = new TempDirectory();
        using var frame = new NativeFrame(width, height, stride: width * 3 + padding);
        var rng = new Random(width * 31 + height);
        var expected = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width * 3; x++)
            // smooth gradients with noise: exercises both the Up filter and the wrap-around of byte differences
            expected[y * width * 3 + x] = (byte)((x * 7 + y * 3) ^ rng.Next(0, 256) & 0x3F);
        frame.Load(expected);

        var path = folder.File("x.png");
        using (var file = File.Create(path))
            PngEncoder.WriteRgb24(file, frame.Span, width, height, frame.Stride);

        Assert.Equal(expected, Ffmpeg.DecodeRgb24(path));
    }

    [Fact]
    public void A_720p_snapshot_allocates_no_image_sized_buffer()
    {
        const int width = 1280, height = 720;
        using var frame = new NativeFrame(width, height, stride: width * 3);
        var rng = new Random(7);
        var pixels = new byte[width * height * 3];
        rng.NextBytes(pixels);   // incompressible: the compressed image is as large as the frame
        frame.Load(pixels);
        PngEncoder.WriteRgb24(Stream.Null, frame.Span, width, height, frame.Stride);   // the pool's first rentals

        long before = GC.GetAllocatedBytesForCurrentThread();
        PngEncoder.WriteRgb24(Stream.Null, frame.Span, width, height, frame.Stride);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // It once held the whole compressed image (2.7 MB here) in a MemoryStream on the large-object heap.
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated for one 720p PNG");
    }

    [Fact]
    public void A_stride_shorter_than_a_row_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => PngEncoder.WriteRgb24(Stream.Null, new byte[300], 10, 10, 20));
        Assert.Contains("stride", e.Message);
    }
}
