using System.Security.Cryptography;
using Valkka.Media.Decoding;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// A live RTSP stream joined between keyframes: GStreamer's server relays a pre-encoded H.264 file
/// (GOP 50, no re-encode) through one shared media, a first client keeps it playing and a second
/// joins mid-GOP. The late joiner leaves the packets before the next keyframe undecoded (skipped, not
/// lost), its first frame is that keyframe, and every frame from there on is byte-identical to the
/// same frame of the ffmpeg CLI's decode of the file (frames matched by content).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class MidGopJoinTests : IDisposable
{
    private const int Gop = 50, Frames = 150, Width = 320, Height = 240;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ALateJoinerSkipsToTheNextKeyframeAndDecodesTheFileFramesExactly()
    {
        var clip = _dir.File("gop50.mp4");
        Ffmpeg.MakeFixedGopClip(clip, Width, Height, Frames, Gop, bFrames: 0);
        var frameBytes = Width * 3 * Height;
        var expected = Ffmpeg.RawRgb24(clip, Frames);
        var fileIndex = new Dictionary<string, int>();
        for (var i = 0; i < Frames; i++) fileIndex.TryAdd(Hash(expected.AsSpan(i * frameBytes, frameBytes)), i);
        Assert.Equal(Frames, fileIndex.Count); // testsrc2 frames differ, so content names the frame

        using var server = new RtspServer("/cam1", "--source", clip, "--no-seek");
        var firstAt = -1;
        using var firstTarget = new CaptureTarget { OnFrame = (_, f) => Volatile.Write(ref firstAt, fileIndex.GetValueOrDefault(Hash(f), -1)) };
        using var first = new CameraDecoder(new DecoderOptions(server.Url) { Decode = DecodeMode.All }, firstTarget);
        var firstStatus = new StatusRecorder(first);
        first.Start();
        // Join in the first or second GOP, a few frames past its keyframe, so the next keyframe is well ahead.
        Assert.True(Wait.Until(() => Volatile.Read(ref firstAt) is var at && at % Gop is >= 5 and <= 20 && at < 2 * Gop, Deadline),
            $"the first client never reached a frame 5-20 past a keyframe (last file frame {firstAt}): {firstStatus.Describe()}");

        using var lateTarget = new CaptureTarget(keepFrames: Frames);
        using var late = new CameraDecoder(new DecoderOptions(server.Url) { Decode = DecodeMode.All }, lateTarget);
        var lateStatus = new StatusRecorder(late);
        late.Start();
        Assert.True(Wait.Until(() => lateTarget.CommittedCount >= 30, Deadline), lateStatus.Describe());
        late.Stop();
        first.Stop();

        var c = late.Counters;
        var start = fileIndex.GetValueOrDefault(Hash(lateTarget.Kept[0]), -1);
        var joined = $"the first client was at file frame {firstAt}; the late joiner's first frame is file frame {start}, stream frame {lateTarget.Indices[0]}: {c}";
        Assert.Equal(0, c.Lost);
        Assert.True(c.SkippedUndecoded > 0, $"nothing skipped before the late joiner's first keyframe (joined at a keyframe, or packets before it were decoded); {joined}");
        // Every packet before the first decoded frame was skipped undecoded, none after it.
        Assert.True(c.SkippedUndecoded == lateTarget.Indices[0], joined);
        Assert.True(start > 0 && start % Gop == 0, $"the late joiner's first frame is file frame {start}, not a keyframe after the join");
        for (var k = 0; k < lateTarget.Kept.Count; k++)
        {
            var want = expected.AsSpan((start + k) * frameBytes, frameBytes);
            var firstDiff = want.CommonPrefixLength(lateTarget.Kept[k]);
            Assert.True(firstDiff == frameBytes, $"late joiner's frame {k} (file frame {start + k}) differs at byte {firstDiff}");
        }
    }

    private static string Hash(ReadOnlySpan<byte> frame) => Convert.ToHexString(SHA256.HashData(frame));
}
