using Valkka.Actors.Analysis;

namespace Valkka.Samples.Tests;

public class MotionDetectorAnalyzerTests
{
    private static MotionDetectorAnalyzer Make(string hocon) => new(AnalyzerSettings.Parse(hocon));

    private static void Paint(NativeFrame frame, int x0, int y0, int size, byte level)
    {
        for (var y = y0; y < y0 + size; y++)
            frame.Span.Slice(y * frame.Stride + x0 * 3, size * 3).Fill(level);
    }

    [Fact]
    public void An_identical_frame_is_no_motion_and_a_changed_one_is()
    {
        using var frame = new NativeFrame(160, 120);
        frame.Fill(90, 90, 90);
        var analyzer = Make("report = all, downscale = 4, threshold = 20, min-fraction = 0.01");
        var ctx = new RecordingClientContext(hasMaster: false);

        var first = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, frame.View(sequence: 2)));
        var same = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, frame.View(sequence: 4)));
        Paint(frame, 40, 40, 32, 250); // 32x32 of 160x120 = 5.3 % of the picture
        var changed = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, frame.View(sequence: 6)));
        var still = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, frame.View(sequence: 8)));

        Assert.True(first.Motion);          // nothing to compare with: all of it is new
        Assert.False(same.Motion);
        Assert.Equal(0, same.MotionFraction);
        Assert.True(changed.Motion);
        Assert.Equal(32.0 * 32 / (160 * 120), changed.MotionFraction, 3);
        Assert.False(still.Motion);
    }

    [Fact]
    public void Small_changes_below_the_pixel_threshold_are_not_motion()
    {
        using var frame = new NativeFrame(64, 64);
        frame.Fill(100, 100, 100);
        var analyzer = Make("report = all, threshold = 25");
        var ctx = new RecordingClientContext(hasMaster: false);
        ctx.Analyze(analyzer, frame.View(sequence: 2));
        frame.Fill(110, 110, 110);
        var r = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, frame.View(sequence: 4)));
        Assert.False(r.Motion);
    }

    [Fact]
    public void Only_frames_with_motion_go_to_the_master_and_are_reported()
    {
        using var frame = new NativeFrame(64, 64);
        var analyzer = Make("forward = motion");
        var ctx = new RecordingClientContext();
        var reported = new List<long>();
        for (var i = 1; i <= 6; i++)
        {
            if (i == 4) Paint(frame, 0, 0, 32, 200);
            if (ctx.Analyze(analyzer, frame.View(sequence: i)) is MotionResult r) reported.Add(r.Sequence);
        }
        Assert.Equal([1L, 4L], ctx.ForwardedSequences);
        Assert.Equal([1L, 4L], reported);
    }

    [Fact]
    public void Cameras_are_compared_only_with_themselves()
    {
        using var dark = new NativeFrame(32, 32);
        using var bright = new NativeFrame(32, 32);
        bright.Fill(255, 255, 255);
        var analyzer = Make("report = all");
        var ctx = new RecordingClientContext(hasMaster: false);
        ctx.Analyze(analyzer, dark.View("a", 1));
        ctx.Analyze(analyzer, bright.View("b", 1));
        var a = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, dark.View("a", 2)));
        var b = Assert.IsType<MotionResult>(ctx.Analyze(analyzer, bright.View("b", 2)));
        Assert.False(a.Motion);
        Assert.False(b.Motion);
    }

    [Fact]
    public void The_grey_grid_allocates_nothing_per_frame()
    {
        using var frame = new NativeFrame(320, 240);
        var grid = new MotionGrid(4, 20);
        grid.Update(frame.View());
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++) grid.Update(frame.View(sequence: i));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_bad_forward_mode_names_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => Make("forward = sometimes"));
        Assert.Contains("'forward'", e.Message);
    }
}
