using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>Our decode + sws_scale gives the same bytes as the ffmpeg CLI.</summary>
public sealed class PixelExactnessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(320, 240, "h264", 0)]
    [InlineData(854, 478, "h264", 0)]     // not a multiple of 16; RGB24 rows not 64-byte aligned
    [InlineData(854, 478, "h264", 13)]    // and an odd row padding in the destination
    [InlineData(856, 480, "h264", 0)]     // multiple of 8 but not 16: converter stores past a packed row
    [InlineData(1082, 100, "h264", 0)]    // both: right edge missing and last-row overrun
    [InlineData(320, 240, "hevc", 0)]
    [InlineData(640, 360, "h264", 0, 2)]  // frame-threaded decoding gives the same frames
    [InlineData(320, 240, "hevc", 0, 2)]
    public void FirstTenFramesMatchFfmpegRgb24Bilinear(int width, int height, string codec, int rowPadding, int threads = 1)
    {
        var clip = _dir.File($"clip-{width}x{height}.{(codec == "hevc" ? "mkv" : "mp4")}");
        Ffmpeg.MakeClip(clip, width, height, 25, 30, codec);
        var expected = Ffmpeg.RawRgb24(clip, 10);
        var frameBytes = width * 3 * height;
        Assert.Equal(10 * frameBytes, expected.Length);

        using var target = new CaptureTarget(keepFrames: 10, rowPadding: rowPadding);
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Threads = threads }, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)),
            status.Describe());
        Assert.True(decoder.Status.State == CameraState.Stopped, status.Describe());
        Assert.Equal(30, target.Committed);
        Assert.Equal(30, decoder.FramesDecoded);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal((width, height), target.Sizes[i]);
            var want = expected.AsSpan(i * frameBytes, frameBytes);
            var got = target.Kept[i];
            var firstDiff = want.CommonPrefixLength(got);
            Assert.True(firstDiff == frameBytes, $"frame {i} differs at byte {firstDiff} (row {firstDiff / (width * 3)})");
        }
    }
}
