using Valkka.TestSupport;

namespace Valkka.Bench.Tests;

public class BenchClipTests
{
    [Theory]
    [InlineData("gop25", 25)]
    [InlineData("gop50", 50)]
    [InlineData("gop50-bframes", 50)]
    public void Each_clip_shape_has_a_keyframe_exactly_every_keyframe_interval_its_name_says(string shape, int interval)
    {
        var clip = BenchClip.Ensure720p25(4, ClipShapes.Parse(shape));
        var keys = KeyframeIndices(clip);
        // x264's scene-cut detection put keyframes every ~11 frames into "gop25"; the shape is the GOP the clip has.
        Assert.Equal(Enumerable.Range(0, 100 / interval).Select(i => i * interval), keys);
    }

    private static List<int> KeyframeIndices(string clip) =>
        ChildProcess.Run("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries", "packet=flags", "-of", "csv=p=0", clip], TimeSpan.FromSeconds(60))
            .ThrowIfFailed().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select((flags, i) => (flags, i)).Where(x => x.flags.StartsWith('K')).Select(x => x.i).ToList();
}
