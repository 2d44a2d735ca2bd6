using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// A camera's packets, tapped as they are read and decoded again by a <see cref="RelayDecoder"/>,
/// give byte-identical frames with the same stream frame indices, from the first keyframe the relay
/// got; after a missing packet it starts again at the next keyframe, still byte-identical.
/// </summary>
public sealed class RelayDecoderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("h264")]
    [InlineData("hevc")]
    public void Relayed_packets_decode_to_the_same_frames_with_the_same_indices(string codec)
    {
        const int frames = 100, width = 320, height = 240;
        var clip = _dir.File($"relay.{(codec == "hevc" ? "mkv" : "mp4")}");
        Ffmpeg.MakeClip(clip, width, height, 25, frames, codec);   // B-frames, a keyframe every 25 frames
        var packets = PacketList.Of(clip);

        using var cameraFrames = new CaptureTarget(keepFrames: frames);
        using var relayFrames = new CaptureTarget(keepFrames: frames);
        using var relay = new RelayDecoder(new DecoderOptions("relay of " + clip), relayFrames);
        int taken = 0;
        relay.PacketTaken += () => Interlocked.Increment(ref taken);
        relay.Start();
        // Joins mid-GOP at packet 10 and misses packet 60: frames come from keyframe 25 to 59 and from keyframe 75 on.
        var tap = new RelayTap(relay, firstIndex: 10, drop: new HashSet<long> { 60 });
        using var camera = new CameraDecoder(new DecoderOptions(clip) { Decode = DecodeMode.All }, cameraFrames, tap);
        camera.Start();
        Assert.True(Wait.Until(() => camera.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)));
        var expected = Enumerable.Range(0, frames).Select(i => (long)i).Where(i => i is >= 25 and < 60 || i >= 75).ToList();
        Assert.True(tap.Ended);
        Assert.True(Wait.Until(() => relayFrames.CommittedCount == expected.Count || relay.Status.State == CameraState.Failed, TimeSpan.FromSeconds(60)),
            $"relay took {taken} of {tap.Queued} packets, committed {relayFrames.CommittedCount} frames; {relay.Status}");
        relay.Stop();

        Assert.Equal(frames, cameraFrames.Committed);
        Assert.Equal(frames - 11, tap.Queued);
        Assert.True(packets.Key[25] && packets.Key[75] && !packets.Key[60], "the clip's keyframes are not where the test expects them");
        Assert.Equal(expected, relayFrames.Indices.Order().ToList());
        for (var k = 0; k < relayFrames.Kept.Count; k++)
        {
            var index = relayFrames.Indices[k];
            var same = cameraFrames.Kept[cameraFrames.Indices.IndexOf(index)];
            Assert.True(same.AsSpan().SequenceEqual(relayFrames.Kept[k]), $"stream frame {index} differs between the camera and the relay");
        }
        var c = relay.Counters;
        Assert.Equal(tap.Queued, c.Read);
        Assert.Equal(0, c.Lost);
        Assert.Equal(0, relay.QueueDropped);
    }
}
