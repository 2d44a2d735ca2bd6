using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// A camera nobody reads decodes only keyframes. When a reader comes, the decoder decodes the GOP it
/// kept from the last keyframe and delivers the next frame at once, instead of waiting up to a keyframe
/// interval for the next keyframe; the frames are those of ffmpeg's own decode, and the counters add up.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class GopCatchUpTests : IDisposable
{
    private const int Gop = 25, Frames = 100, Width = 160, Height = 120;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_reader_that_comes_between_keyframes_gets_the_next_frame_not_the_next_keyframe(int bFrames)
    {
        var clip = MakeClip(bFrames);
        var packets = PacketList.Of(clip);
        var expected = Ffmpeg.RawRgb24(clip, Frames);
        const int frameBytes = Width * 3 * Height;

        using var target = new CaptureTarget(keepFrames: 10);
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        var status = new StatusRecorder(decoder);
        decoder.SetWantedRate(0);
        decoder.Start();
        // The second keyframe (1 s in) is decoded: the packets after it are kept, not decoded.
        Assert.True(Wait.Until(() => decoder.Counters.Decoded >= 2, Deadline), status.Describe());
        decoder.SetWantedRate(double.PositiveInfinity);
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, Deadline), status.Describe());

        var first = target.Indices[0];
        var c = decoder.Counters;
        Assert.True(first % Gop != 0, $"the reader's first frame is stream frame {first}, a keyframe: it waited for the next GOP; {c}");
        Assert.True(first < 2 * Gop, $"the reader's first frame is stream frame {first}, past the second GOP; {c}");
        for (var k = 0; k < target.Kept.Count; k++)
        {
            var shown = packets.PresentationIndex(target.Indices[k]);
            var firstDiff = expected.AsSpan(shown * frameBytes, frameBytes).CommonPrefixLength(target.Kept[k]);
            Assert.True(firstDiff == frameBytes, $"frame {k} (file frame {shown}) differs from ffmpeg's at byte {firstDiff}");
        }
        Assert.Equal(0, c.Lost);
        Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded);
        Assert.Equal(c.Decoded, c.Delivered + c.SkippedUnconverted + c.Dropped);
        Assert.Equal(Frames - target.Indices.Min(), c.Delivered);
    }

    [Fact]
    public void A_paced_file_nobody_reads_reads_its_packets_at_their_times_not_a_GOP_at_once()
    {
        var clip = MakeClip(bFrames: 2);
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        decoder.SetWantedRate(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        decoder.Start();
        // 40 packets are 1.56 s of the stream; read a GOP at a time, they were all there after 1 s.
        Assert.True(Wait.Until(() => decoder.Counters.Read >= 40, Deadline));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"40 packets read {clock.ElapsedMilliseconds} ms after the start");
    }

    [Fact]
    public void A_reader_that_comes_to_a_paced_file_between_keyframes_starts_there_not_at_the_next_keyframe()
    {
        var clip = MakeClip(bFrames: 0);
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        decoder.SetWantedRate(0);
        decoder.Start();
        // Packet 30 comes 1.2 s in, between the keyframes of 1 s and 2 s.
        Assert.True(Wait.Until(() => decoder.Counters.Read >= 30, Deadline));
        decoder.SetWantedRate(double.PositiveInfinity);
        Assert.True(Wait.Until(() => target.CommittedCount >= 1, Deadline));
        decoder.Stop();
        var first = target.Indices[0];
        Assert.True(first is >= 30 and < 2 * Gop, $"the reader came after 30 packets and its first frame is stream frame {first}; {decoder.Counters}");
    }

    private string MakeClip(int bFrames)
    {
        var clip = _dir.File($"gop25-bf{bFrames}.mp4");
        Ffmpeg.MakeFixedGopClip(clip, Width, Height, Frames, Gop, bFrames);
        return clip;
    }
}
