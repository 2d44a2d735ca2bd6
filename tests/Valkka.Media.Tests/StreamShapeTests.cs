using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>Streams that start between keyframes or change their keyframe interval decode correctly at every level.</summary>
public sealed class StreamShapeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(DecodeMode.All)]
    [InlineData(DecodeMode.Reference)]
    [InlineData(DecodeMode.Keyframes)]
    public void AClipThatStartsBetweenKeyframesGivesTheFramesFfmpegGivesFromTheFirstKeyframe(DecodeMode mode)
    {
        var full = _dir.File("full.mp4");
        Ffmpeg.MakeClip(full, 160, 120, 25, 100);
        var cut = _dir.File("cut.mkv");
        Ffmpeg.Run(["-y", "-i", full, "-ss", "0.4", "-c", "copy", "-copyinkf", cut]);   // starts 10 frames into a GOP
        var packets = PacketList.Of(cut);
        Assert.False(packets.Key[0]);

        var (target, c) = Decode(new DecoderOptions(cut) { Decode = mode }, double.PositiveInfinity);
        using (target)
        {
            AssertMatchesFfmpeg(cut, packets, target, packets.Leading);
            // Packets before the first keyframe are not sent to the decoder: skipped, not lost.
            Assert.Equal(0, c.Lost);
            Assert.True(c.SkippedUndecoded >= Array.IndexOf(packets.Key, true), $"{c}: {Array.IndexOf(packets.Key, true)} packets precede the first keyframe");
            if (mode == DecodeMode.All) Assert.Equal(packets.Count - packets.Leading, target.Committed);
            if (mode == DecodeMode.Keyframes) Assert.Equal((0L, (long)packets.KeyCount), (c.Lost, target.Committed));
        }
    }

    [Fact]
    public void AKeyframeIntervalThatChangesIsFollowedAndEveryFrameMatchesFfmpeg()
    {
        var clip = _dir.File("gop.mp4");
        // A keyframe every 0.4 s for 2 s, then every 2 s: at 1 fps first keyframes only, then reference frames.
        Ffmpeg.Run(["-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "150", "-pix_fmt", "yuv420p",
            "-g", "1000", "-sc_threshold", "0", "-force_key_frames", "0,0.4,0.8,1.2,1.6,2,4", "-c:v", "libx264", "-preset", "veryfast", clip]);
        var packets = PacketList.Of(clip);
        var (target, c) = Decode(new DecoderOptions(clip), 1);
        using (target)
        {
            AssertMatchesFfmpeg(clip, packets, target, 0);
            Assert.Equal(0, c.Lost);
            Assert.InRange(target.Committed, 5, 7);
            Assert.True(c.Decoded < packets.Count / 2, $"decoded {c.Decoded} of {packets.Count}");
        }
    }

    private static (CaptureTarget Target, DecoderCounters Counters) Decode(DecoderOptions options, double fps)
    {
        var target = new CaptureTarget(keepFrames: 1000);
        using var decoder = new CameraDecoder(options, target);
        decoder.SetWantedRate(fps);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)),
            status.Describe());
        Assert.True(decoder.Status.State == CameraState.Stopped, status.Describe());
        var c = decoder.Counters;
        Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded + c.Lost + c.DiscardedBehind);
        Assert.Equal(c.Decoded, c.Delivered + c.SkippedUnconverted + c.Dropped);
        return (target, c);
    }

    /// <summary>Each delivered frame equals ffmpeg's frame of the same stream index (ffmpeg writes none before the first keyframe).</summary>
    private static void AssertMatchesFfmpeg(string clip, PacketList packets, CaptureTarget target, int leading)
    {
        var expected = Ffmpeg.DecodeRgb24(clip);
        var frameBytes = 160 * 3 * 120;
        Assert.Equal(packets.Count - leading, expected.Length / frameBytes);
        for (var k = 0; k < target.Kept.Count; k++)
        {
            var shown = packets.PresentationIndex(target.Indices[k]) - leading;
            Assert.InRange(shown, 0, packets.Count - leading - 1);
            var firstDiff = expected.AsSpan(shown * frameBytes, frameBytes).CommonPrefixLength(target.Kept[k]);
            Assert.True(firstDiff == frameBytes, $"stream frame {target.Indices[k]} (shown {shown}) differs at byte {firstDiff}");
        }
    }
}
