using Valkka.Media.Decoding;
using Valkka.Media.Sources;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

public sealed class SyntheticSourceTests
{
    [Theory]
    [InlineData("h264")]
    [InlineData("hevc")]
    public void SyntheticUrlDecodesRealVideoOfTheRequestedSize(string codec)
    {
        using var target = new CaptureTarget();
        using var decoder = new CameraDecoder(new DecoderOptions($"synthetic://smptebars?size=320x240&fps=25&codec={codec}"), target);
        var status = new StatusRecorder(decoder);
        decoder.Start();
        Assert.True(Wait.Until(() => target.CommittedCount >= 10, TimeSpan.FromSeconds(120)), status.Describe());
        decoder.Stop();
        Assert.All(target.Sizes.ToList(), s => Assert.Equal((320, 240), s));
        Assert.True(File.Exists(Path.Combine(SyntheticClipCache.Directory, $"smptebars-320x240-25fps-{codec}.mp4")));
    }

    [Fact]
    public void ParallelRequestsForTheSameClipShareOneCompleteFile()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 3).AsParallel()
            .Select(_ => SyntheticClipCache.GetOrCreate(dir.Path, "testsrc", 64, 48, 5, "h264")).ToList();
        Assert.Single(paths.Distinct());
        Assert.Equal(["testsrc-64x48-5fps-h264.mp4"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var frames = Ffmpeg.RawRgb24(paths[0], 50);
        Assert.Equal(50 * 64 * 48 * 3, frames.Length);   // 10 s at 5 fps: a whole clip, not a partial one
    }

    [Theory]
    [InlineData("synthetic://testsrc2?size=12x7", "size")]
    [InlineData("synthetic://testsrc2?codec=vp9", "codec")]
    [InlineData("synthetic://test;rm?size=64x48", "lavfi source")]
    [InlineData("pattern://?fps=-1", "fps")]
    [InlineData("pattern://?size=axb", "size")]
    public void BadUrlsAreRejectedWithTheOffendingPart(string url, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new CameraDecoder(new DecoderOptions(url), new CaptureTarget()));
        Assert.Contains(named, e.Message);
        Assert.Contains(url.Split('?')[0].Split("://")[0], e.Message);
    }
}
