using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>A wanted rate gives frames evenly spaced in capture time, and the decoder does no more than it needs.</summary>
[Trait("Speed", "Slow")]
public sealed class WantedRateTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (CameraDecoder Decoder, StatusRecorder Status) Run(DecoderOptions options, CaptureTarget target, double fps)
    {
        var decoder = new CameraDecoder(options, target);
        decoder.SetWantedRate(fps);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, Deadline), status.Describe());
        Assert.True(decoder.Status.State == CameraState.Stopped, status.Describe());
        return (decoder, status);
    }

    [Fact]
    public void FiveFpsOfATwentyFiveFpsClipIsEveryFifthFrameTwoHundredMsApart()
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 50);
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        var (decoder, _) = Run(new DecoderOptions(clip) { Decode = DecodeMode.All }, target, 5);
        using (decoder)
        {
            Assert.Equal(10, target.Committed);
            Assert.All(target.Timestamps.Zip(target.Timestamps.Skip(1)), p => Assert.Equal(200, p.Second - p.First));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 5), target.Indices.Select(i => packets.PresentationIndex(i)));
            var c = decoder.Counters;
            Assert.Equal((50, 50, 0L, 40L, 10L), (c.Read, c.Decoded, c.SkippedUndecoded, c.SkippedUnconverted, c.Delivered));
        }
    }

    [Fact]
    public void AutoAtFiveFpsSkipsDecodingFramesAndStillDeliversFiveASecond()
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 100);   // 4 s, B-frames
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        var (decoder, _) = Run(new DecoderOptions(clip), target, 5);
        using (decoder)
        {
            var c = decoder.Counters;
            Assert.InRange(target.Committed, 19, 21);
            Assert.True(c.SkippedUndecoded > 0, $"nothing was left undecoded: {c}");
            Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded + c.Lost + c.DiscardedBehind);
            Assert.Equal(c.Decoded, c.Delivered + c.SkippedUnconverted + c.Dropped);
            var shown = target.Indices.Select(i => packets.PresentationIndex(i)).ToList();
            Assert.All(shown.Zip(shown.Skip(1)), p => Assert.InRange(p.Second - p.First, 3, 7));   // 120..280 ms at 25 fps
        }
    }

    [Fact]
    public void AtOrBelowTheKeyframeRateOnlyKeyframesAreDecoded()
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 150);   // a keyframe a second for 6 s
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        var (decoder, _) = Run(new DecoderOptions(clip), target, 1);
        using (decoder)
        {
            var c = decoder.Counters;
            // Until two keyframes show the interval, frames between them are decoded as reference frames.
            Assert.InRange(c.Decoded, packets.KeyCount, packets.KeyCount + 25);
            Assert.Equal(0, c.Lost);
            Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded);
            Assert.All(target.Indices.Skip(2), i => Assert.True(packets.Key[i], $"frame {i} is not a keyframe"));
        }
    }

    [Fact]
    public void WithoutAReaderNothingIsConvertedAndOnlyKeyframesAreDecoded()
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 100);
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        var (decoder, status) = Run(new DecoderOptions(clip), target, 0);
        using (decoder)
        {
            var c = decoder.Counters;
            Assert.Equal(0, target.Committed);
            Assert.Equal((100L, (long)packets.KeyCount, 100L - packets.KeyCount), (c.Read, c.Decoded, c.SkippedUndecoded));
            Assert.Equal(c.Decoded, c.SkippedUnconverted);
            Assert.Equal(1, status.Count(CameraState.Streaming));
        }
    }

    [Fact]
    public void A_real_time_file_nobody_reads_still_plays_at_its_own_pace()
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 50);   // 2 s, keyframes at 0 and 1 s
        using var target = new CaptureTarget();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (decoder, _) = Run(new DecoderOptions(clip) { Realtime = true }, target, 0);
        using (decoder)
        {
            // Unpaced, a source without readers would loop through its file as fast as the CPU allows.
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"played 2 s of video in {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.Equal(2, decoder.Counters.Decoded);
        }
    }

    [Fact]
    public void A_looped_file_at_its_keyframe_rate_delivers_every_keyframe_across_the_loops()
    {
        var clip = _dir.File("two-gops.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 50);   // keyframes at frames 0 and 25
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Loop = true }, target);
        decoder.SetWantedRate(1);   // the keyframe rate: only keyframes are decoded
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 8, Deadline));
        decoder.Stop();
        // Placed after the last keyframe decoded instead of the last packet read, each loop began a GOP
        // early on the stream's time line and its first keyframe was not due yet: 0, 25, 75, 125, ...
        Assert.Equal(Enumerable.Range(0, target.Indices.Count).Select(i => i * 25L), target.Indices);
        Assert.True(decoder.Counters.Decoded <= target.CommittedCount + 25, $"decoded {decoder.Counters.Decoded} frames for {target.CommittedCount} keyframes");
    }

    [Fact]
    public void A_looped_file_keeps_its_rate_schedule_across_the_loop()
    {
        var clip = _dir.File("clip.mp4");
        const int frames = 22;   // not a multiple of 5: a schedule that re-anchored at the loop would step 2 there
        Ffmpeg.MakeClip(clip, 160, 120, 25, frames);
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Loop = true, Decode = DecodeMode.All }, target);
        decoder.SetWantedRate(5);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 20, Deadline));
        decoder.Stop();
        // The stream index runs on across loops (the ordinal of the packet since the session opened).
        var shown = target.Indices.Select(i => i / frames * frames + packets.PresentationIndex(i % frames)).ToList();
        Assert.Equal(Enumerable.Range(0, shown.Count).Select(i => i * 5L), shown);
    }

    [Fact]
    public void ARateChangeMidStreamTakesEffectAtTheNextFrames()
    {
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions("pattern://?size=64x48&fps=25"), target);
        decoder.SetWantedRate(5);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 4, Deadline));
        decoder.SetWantedRate(double.PositiveInfinity);
        Assert.True(Wait.Until(() => target.CommittedCount >= 30, Deadline));
        decoder.Stop();
        var steps = target.Indices.Zip(target.Indices.Skip(1), (a, b) => b - a).ToList();
        Assert.All(steps.Take(3), s => Assert.Equal(5, s));
        Assert.All(steps.TakeLast(20), s => Assert.Equal(1, s));
    }
}
