using Valkka.Media.Decoding;
using Valkka.Media.Pacing;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// A camera whose decoder falls behind real time by more than a keyframe interval skips to its
/// newest keyframe instead of decoding (and bursting out) the backlog, and counts the frames its
/// rate wanted from the skipped time as discarded behind real time.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class BehindRealTimeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(5.0)]
    public void A_decoder_starved_for_three_seconds_goes_on_from_its_newest_keyframe(double fps)
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeClip(clip, 160, 120, 25, 175);   // 7 s, a keyframe a second, B-frames
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        // The decoder's thread gets no CPU for 3 s after its first frame past 1.2 s (as on an overloaded
        // machine; two keyframes have shown the interval), while the file's real-time schedule runs on.
        var stalledAt = -1;
        target.OnFrame = (t, _) =>
        {
            if (stalledAt >= 0 || packets.PresentationIndex(t.Indices[^1]) < 30) return;
            stalledAt = t.Indices.Count - 1;
            Thread.Sleep(TimeSpan.FromSeconds(3));
        };
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        decoder.SetWantedRate(fps);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)), status.Describe());

        var shown = target.Indices.Select(i => (long)packets.PresentationIndex(i)).ToList();
        long stalled = shown[stalledAt], resumed = shown[stalledAt + 1];
        Assert.True(packets.Key[target.Indices[stalledAt + 1]], $"the frame after the stall ({resumed}; stalled at {stalled}) is not a keyframe: {string.Join(", ", shown)}");
        Assert.True(resumed - stalled >= 50, $"resumed at frame {resumed} after the stall at frame {stalled}: less than 2 s of the 3 s backlog skipped");

        var c = decoder.Counters;
        var missed = resumed - stalled - 1;
        var rate = Math.Min(fps, 25);
        Assert.InRange(c.DiscardedBehind, (long)(missed * rate / 25) - 2, (long)(missed * rate / 25) + 1);
        Assert.Equal(0, c.Lost);
        Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded + c.Lost + c.DiscardedBehind);
        Assert.Equal(packets.Count, c.Read);
    }

    [Fact]
    public void A_pacer_far_behind_rebases_at_the_late_frame_and_paces_the_next_by_its_pts()
    {
        var pacer = new FramePacer(0.001, 40);   // pts in ms, 25 fps
        using var stop = new ManualResetEventSlim();
        Assert.True(pacer.WaitFor(0, stop, out _));
        // The consumer is 1.2 s late for the frame at 40 ms (more than the second the pacer forgives)...
        Thread.Sleep(TimeSpan.FromSeconds(1.2));
        Assert.True(pacer.WaitFor(40, stop, out _));
        // ...and the next decoded frame is a keyframe 2 s later in the stream: it is due 2 s after the late one.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(pacer.WaitFor(2_040, stop, out _));
        // Before, it was due one frame interval (40 ms) after the late one: 2 s of stream at once.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"the keyframe 2 s after the late frame came {clock.ElapsedMilliseconds} ms after it");
    }

    private sealed class KeyFlags : IPacketTap
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, bool> _key = new();
        public bool Active => true;
        public void StreamOpened(StreamFormat format) { }
        public void StreamEnded() { }
        public void Packet(ReadOnlySpan<byte> data, long pts, long dts, bool key, long streamFrameIndex, bool afterLoop) => _key[streamFrameIndex] = key;
        public bool IsKey(long streamFrameIndex) => _key.TryGetValue(streamFrameIndex, out var key) && key;
    }

    [Fact]
    public void A_live_stream_whose_decoder_was_starved_goes_on_from_its_newest_keyframe()
    {
        using var server = new RtspServer("/cam1", "--size", "160x120", "--fps", "25");   // live, a keyframe a second
        var keys = new KeyFlags();
        using var target = new CaptureTarget();
        // After 60 frames (keyframes have shown the interval) the decoder's thread gets no CPU for 3 s;
        // the camera sends on, its packets wait in the socket's buffers.
        var stalledAt = -1;
        target.OnFrame = (t, _) =>
        {
            if (Volatile.Read(ref stalledAt) >= 0 || t.Committed < 60) return;
            Volatile.Write(ref stalledAt, (int)t.Committed - 1);
            Thread.Sleep(TimeSpan.FromSeconds(3));
        };
        using var decoder = new CameraDecoder(new DecoderOptions(server.Url), target, keys);
        decoder.Start();
        Assert.True(Wait.Until(() => Volatile.Read(ref stalledAt) >= 0 && target.CommittedCount >= stalledAt + 30, TimeSpan.FromSeconds(60)));
        decoder.Stop();

        long stalled = target.Indices[stalledAt], resumed = target.Indices[stalledAt + 1];
        Assert.True(keys.IsKey(resumed), $"the frame after the stall ({resumed}; stalled at {stalled}) is not a keyframe");
        Assert.True(resumed - stalled >= 50, $"resumed at frame {resumed} after the stall at frame {stalled}: less than 2 s of the 3 s backlog skipped");
        Assert.InRange(decoder.Counters.DiscardedBehind, resumed - stalled - 3, resumed - stalled - 1);
        Assert.NotNull(decoder.Counters.BehindSince);   // 30 frames after the skip: not yet kept up for the settle time
        Assert.Equal(0, decoder.Counters.Lost);
    }
}
