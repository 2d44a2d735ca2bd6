using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>
/// A paced camera starved of CPU at start-up (many node processes starting at once), before two
/// keyframes have shown its keyframe interval: it decodes the backlog, then goes on at its full
/// rate. Before, its decoded frames kept a schedule of their own that rebased at the late frame
/// while its packets' schedule did not, so every packet read afterwards was more than a keyframe
/// interval late: the camera skipped to each next keyframe for the rest of the run (1 fps).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class StarvedStartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(double.PositiveInfinity, 2)]
    [InlineData(5.0, 0)]
    public void A_paced_camera_starved_at_its_first_frame_returns_to_its_wanted_rate(double fps, int bFrames)
    {
        var clip = _dir.File("clip.mp4");
        Ffmpeg.MakeFixedGopClip(clip, 160, 120, 200, 25, bFrames);   // 8 s, a keyframe a second
        var packets = PacketList.Of(clip);
        using var target = new CaptureTarget();
        // The decoder's thread gets no CPU for 1.5 s right after its first frame: one keyframe seen, no interval yet.
        target.OnFrame = (t, _) =>
        {
            if (t.Committed == 1) Thread.Sleep(TimeSpan.FromSeconds(1.5));
        };
        using var decoder = new CameraDecoder(new DecoderOptions(clip) { Realtime = true }, target);
        decoder.SetWantedRate(fps);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => decoder.Status.State is CameraState.Stopped or CameraState.Failed, TimeSpan.FromSeconds(60)), status.Describe());

        // From the fourth second on (long after the stall), every frame the rate wants is delivered.
        var shown = target.Indices.Select(i => packets.PresentationIndex(i)).Where(i => i >= 100).ToList();
        var expected = (int)Math.Round(100 * Math.Min(fps, 25) / 25);
        var c = decoder.Counters;
        Assert.True(shown.Count >= expected - 1,
            $"{shown.Count} frames of the last 4 s delivered, {expected} wanted; discarded behind {c.DiscardedBehind}, frames: {string.Join(", ", shown)}");
        Assert.Equal(0, c.DiscardedBehind);
        Assert.Equal(0, c.Lost);
        Assert.Equal(c.Read, c.Decoded + c.SkippedUndecoded + c.Lost + c.DiscardedBehind);
    }
}
