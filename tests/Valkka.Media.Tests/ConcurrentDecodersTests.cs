using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>Several decoders in one process share nothing: each gets its own, correct frames.</summary>
[Trait("Speed", "Slow")]
public sealed class ConcurrentDecodersTests
{
    [Fact]
    public void ThreeDecodersOfDifferentSizesRunSideBySide()
    {
        using var dir = new TempDirectory();
        var sizes = new[] { (320, 240), (854, 478), (176, 144) };
        var clips = sizes.Select(s =>
        {
            var clip = dir.File($"c{s.Item1}.mp4");
            Ffmpeg.MakeClip(clip, s.Item1, s.Item2, 25, 12);
            return clip;
        }).ToList();
        var targets = sizes.Select(_ => new CaptureTarget(keepFrames: 12)).ToList();
        var decoders = clips.Select((c, i) => new CameraDecoder(new DecoderOptions(c), targets[i])).ToList();
        try
        {
            decoders.ForEach(d => d.Start());
            Assert.True(Wait.Until(() => decoders.All(d => d.Status.State is CameraState.Stopped or CameraState.Failed),
                TimeSpan.FromSeconds(60)));
            for (var i = 0; i < sizes.Length; i++)
            {
                Assert.Equal(CameraState.Stopped, decoders[i].Status.State);
                var expected = Ffmpeg.RawRgb24(clips[i], 12);
                Assert.Equal(expected, targets[i].Kept.SelectMany(f => f).ToArray());
            }
        }
        finally
        {
            decoders.ForEach(d => d.Dispose());
            targets.ForEach(t => t.Dispose());
        }
    }
}
