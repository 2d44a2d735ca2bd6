using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>Files acting as cameras: looped and paced.</summary>
public sealed class FilePlaybackTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoopedFileKeepsStreamingPastItsEnd()
    {
        var clip = _dir.File("short.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 20);
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Loop = true }, target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 70, TimeSpan.FromSeconds(60)), status.Describe());
        decoder.Stop();
        Assert.Equal([CameraState.Connecting, CameraState.Streaming, CameraState.Stopped], status.Seen.Select(s => s.State));
    }

    [Fact]
    public void RealtimeFileIsPacedAtItsFrameRateWithWallClockTimestamps()
    {
        var clip = _dir.File("paced.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 15);   // 0.6 s of video
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Stopped, TimeSpan.FromSeconds(60)));
        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(15, target.Committed);
        var ts = target.Timestamps.ToList();
        Assert.All(ts, t => Assert.InRange(t, started, ended));
        Assert.True(ts.Zip(ts.Skip(1)).All(p => p.Second >= p.First), "timestamps go backwards");
        Assert.Equal(14 * 40, ts[^1] - ts[0]);   // capture times follow the pts: 40 ms apart
        // Pacing can only make delivery slower, never faster: 14 intervals of 40 ms.
        var delivered = target.CommitTicks[^1] - target.CommitTicks[0];
        Assert.True(delivered >= 14 * 40 - 20, $"15 frames were delivered within {delivered} ms: not paced");
    }

    [Fact]
    public void A_looped_real_time_file_that_decodes_only_keyframes_plays_each_loop_in_its_own_length()
    {
        var clip = _dir.File("second.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 25);   // 1 s, one keyframe
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Loop = true, Realtime = true }, target);
        decoder.SetWantedRate(0);   // nobody reads: keyframes only, and only they wait for their time
        var clock = System.Diagnostics.Stopwatch.StartNew();
        decoder.Start();
        // Four loops read: the fourth keyframe is due 3 s after the first. Continuing each loop after the
        // last frame waited for (its keyframe) instead of the last frame read played a loop in 40 ms.
        Assert.True(Wait.Until(() => decoder.Counters.Read >= 4 * 25, TimeSpan.FromSeconds(60)));
        var elapsed = clock.Elapsed;
        decoder.Stop();
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.9), $"4 loops of a 1 s clip were read in {elapsed.TotalSeconds:0.00} s");
        Assert.Equal(0, target.Committed);
    }

    [Fact]
    public void A_real_time_file_that_decodes_only_keyframes_hands_each_packet_to_a_tap_at_its_time()
    {
        var clip = _dir.File("gop.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 25);   // 1 s, one GOP
        var tap = new ArrivalTap();
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target, tap);
        decoder.SetWantedRate(0);   // nobody reads here: keyframes only
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Stopped, TimeSpan.FromSeconds(60)));
        // Paced by its keyframes only, the whole GOP went out at once; a relay's decoder then held the
        // GOP's last frames back until the next GOP came and committed them in a burst.
        var arrivals = tap.Arrivals;
        Assert.Equal(25, arrivals.Count);
        Assert.True(arrivals[^1] >= TimeSpan.FromMilliseconds(900), $"the 25 packets of 1 s of video reached the tap within {arrivals[^1].TotalMilliseconds:0} ms");
    }

    [Fact]
    public void ConfiguredOutputSizeIsScaledAndMatchesFfmpeg()
    {
        var clip = _dir.File("big.mp4");
        Ffmpeg.MakeClip(clip, 640, 360, 25, 5);
        var expected = _dir.File("scaled.rgb");
        Ffmpeg.Run(["-y", "-i", clip, "-frames:v", "5", "-vf", "scale=426:240",
            "-sws_flags", "bilinear", "-pix_fmt", "rgb24", "-f", "rawvideo", expected]);
        var want = File.ReadAllBytes(expected);

        using var target = new CaptureTarget(keepFrames: 5);
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Width = 426, Height = 240 }, target);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State == CameraState.Stopped, TimeSpan.FromSeconds(60)));
        Assert.All(target.Sizes, s => Assert.Equal((426, 240), s));
        Assert.Equal(want, target.Kept.SelectMany(f => f).ToArray());
    }
}
