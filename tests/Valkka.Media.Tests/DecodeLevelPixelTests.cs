using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// Frames decoded while libavcodec skips others are byte-identical to the same frames (same
/// stream index) of the ffmpeg CLI's full decode, and the counters account for every packet.
/// </summary>
public sealed class DecodeLevelPixelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("h264", DecodeMode.Keyframes)]
    [InlineData("h264", DecodeMode.Reference)]
    [InlineData("hevc", DecodeMode.Keyframes)]
    [InlineData("hevc", DecodeMode.Reference)]
    public void FramesDecodedWithSkippingMatchTheSameFramesOfAFullFfmpegDecode(string codec, DecodeMode mode)
    {
        const int frames = 75, width = 320, height = 240;
        var clip = _dir.File($"bframes.{(codec == "hevc" ? "mkv" : "mp4")}");
        Ffmpeg.MakeClip(clip, width, height, 25, frames, codec);   // B-frames, a keyframe every 25 frames
        var packets = PacketList.Of(clip);
        var expected = Ffmpeg.RawRgb24(clip, frames);
        var frameBytes = width * 3 * height;

        using var target = new CaptureTarget(keepFrames: frames);
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Decode = mode }, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)),
            status.Describe());
        Assert.True(decoder.Status.State == CameraState.Stopped, status.Describe());

        var c = decoder.Counters;
        Assert.Equal(frames, c.Read);
        Assert.Equal(0, c.Lost);
        Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded + c.Lost + c.DiscardedBehind);
        Assert.Equal(c.Decoded, c.Delivered + c.SkippedUnconverted + c.Dropped);
        Assert.Equal(c.Delivered, target.Committed);
        if (mode == DecodeMode.Keyframes)
        {
            Assert.Equal(packets.KeyCount, target.Committed);
            Assert.All(target.Indices, i => Assert.True(packets.Key[i], $"frame {i} is not a keyframe"));
        }
        else
            Assert.InRange(target.Committed, packets.KeyCount + 1, frames - 1);

        for (var k = 0; k < target.Kept.Count; k++)
        {
            var shown = packets.PresentationIndex(target.Indices[k]);
            var want = expected.AsSpan(shown * frameBytes, frameBytes);
            var firstDiff = want.CommonPrefixLength(target.Kept[k]);
            Assert.True(firstDiff == frameBytes, $"stream frame {target.Indices[k]} (shown {shown}) differs at byte {firstDiff}");
        }
    }
}
