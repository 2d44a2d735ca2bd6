using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

public class FaceTensorWriterTests
{
    private static float Norm(float v) => v * 2f / 255f - 1f;

    [Fact]
    public void A_wide_frame_is_letterboxed_not_stretched()
    {
        var box = Letterbox.For(640, 360, 128);
        Assert.Equal(0.2f, box.Scale, 6);
        Assert.Equal(0f, box.OffsetX, 6);
        Assert.Equal(28f, box.OffsetY, 6);   // (128 - 72) / 2
        Assert.Equal(320f, box.FrameX(0.5f), 3);
        Assert.Equal(180f, box.FrameY(0.5f), 3);
        Assert.Equal(640f, box.FrameLength(1f), 3);
    }

    [Fact]
    public void Bilinear_samples_land_on_pixel_centres_and_padding_is_black()
    {
        // 256x128, red = x: the tensor (scale 0.5) samples source x = 2 tx + 0.5; rows 0..31 and 96..127 are padding.
        using var frame = new NativeFrame(256, 128, stride: 256 * 3 + 8);
        for (var y = 0; y < 128; y++)
        for (var x = 0; x < 256; x++)
        {
            var i = y * frame.Stride + x * 3;
            frame.Span[i] = (byte)x;
            frame.Span[i + 1] = 100;
            frame.Span[i + 2] = (byte)(y * 2);
        }
        var tensor = new float[128 * 128 * 3];
        var writer = new FaceTensorWriter(128);
        var box = writer.Write(frame.View(), tensor);

        Assert.Equal(32f, box.OffsetY, 6);
        float At(int tx, int ty, int c) => tensor[(ty * 128 + tx) * 3 + c];
        for (var tx = 0; tx < 127; tx++)
        {
            Assert.Equal(Norm(2 * tx + 0.5f), At(tx, 64, 0), 4);
            Assert.Equal(Norm(100), At(tx, 64, 1), 4);
        }
        Assert.Equal(Norm(2 * (2 * (64 - 32) + 0.5f)), At(10, 64, 2), 4); // blue = 2y, y = 2 (ty - 32) + 0.5
        Assert.All(new[] { 0, 31, 96, 127 }, ty => Assert.Equal(-1f, At(5, ty, 0)));
        Assert.Equal(Norm(0.5f), At(0, 32, 0), 4);
    }

    [Fact]
    public void Writing_a_frame_allocates_nothing_once_the_size_is_known()
    {
        using var frame = new NativeFrame(320, 240);
        frame.Fill(10, 200, 30);
        var tensor = new float[128 * 128 * 3];
        var writer = new FaceTensorWriter(128);
        writer.Write(frame.View(), tensor);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) writer.Write(frame.View(), tensor);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Norm(200), tensor[(64 * 128 + 64) * 3 + 1], 4);
    }

    [Fact]
    public void The_trailer_round_trips_and_a_foreign_frame_is_refused()
    {
        var bytes = new byte[FaceTensorFrame.FrameLength(128)];
        var box = Letterbox.For(1280, 720, 128);
        FaceTensorFrame.WriteTrailer(bytes, box);
        var info = FaceTensorFrame.Info(128, 5);
        Assert.Equal(box, FaceTensorFrame.ReadTrailer(bytes, info, "cam"));

        var rgbInfo = info with { Format = Valkka.Shm.PixelFormat.Rgb24 };
        var e = Assert.Throws<InvalidDataException>(() => FaceTensorFrame.ReadTrailer(bytes, rgbInfo, "cam"));
        Assert.Contains("Float32Rgb", e.Message);
        bytes[^32] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => FaceTensorFrame.ReadTrailer(bytes, info, "cam"));
    }
}
