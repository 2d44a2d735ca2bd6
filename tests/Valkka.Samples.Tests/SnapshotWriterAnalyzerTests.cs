using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Samples.Tests;

public class SnapshotWriterAnalyzerTests
{
    private static SnapshotWriterAnalyzer Make(string folder, string more = "") =>
        new(AnalyzerSettings.Parse($"folder = \"{folder}\"\n{more}"));

    [Fact]
    public void Writes_one_snapshot_per_interval_per_camera()
    {
        using var folder = new TempDirectory();
        using var frame = new NativeFrame(32, 24);
        var analyzer = Make(folder.Path, "interval = 1");
        var ctx = new RecordingClientContext(hasMaster: false);
        var written = new List<SnapshotWritten>();
        for (var i = 0; i < 60; i++) // 60 frames 40 ms apart: 2.36 s
        {
            foreach (var cam in new[] { "a", "b" })
                if (ctx.Analyze(analyzer, frame.View(cam, i, 10_000 + i * 40)) is SnapshotWritten w)
                    written.Add(w);
        }
        Assert.Equal([0L, 0L, 25L, 25L, 50L, 50L], written.Select(w => w.Sequence));
        Assert.Equal(6, Directory.GetFiles(folder.Path, "*.png").Length);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        Assert.All(written, w => Assert.True(File.Exists(w.Path)));
    }

    [Fact]
    public void The_snapshot_holds_the_frame_pixels()
    {
        using var folder = new TempDirectory();
        using var frame = new NativeFrame(48, 30, stride: 48 * 3 + 16);
        var rgb = new byte[48 * 30 * 3];
        for (var i = 0; i < rgb.Length; i++) rgb[i] = (byte)(i * 13);
        frame.Load(rgb);
        var w = Assert.IsType<SnapshotWritten>(new RecordingClientContext().Analyze(Make(folder.Path), frame.View()));
        Assert.Equal(rgb, Ffmpeg.DecodeRgb24(w.Path));
    }

    [Fact]
    public void Boxes_from_master_results_are_drawn_on_the_next_snapshot()
    {
        using var folder = new TempDirectory();
        using var frame = new NativeFrame(100, 80);
        frame.Fill(0, 0, 0);
        var analyzer = Make(folder.Path, "interval = 0");
        var ctx = new RecordingClientContext();
        var boxes = new BoxesResult([new DetectionBox(20, 10, 40, 30, 0.9f)]);
        analyzer.OnMasterResult(new MasterResult("client1", "cam1", 2, boxes), ctx);

        var w = Assert.IsType<SnapshotWritten>(ctx.Analyze(analyzer, frame.View(sequence: 4)));
        Assert.Equal(1, w.Boxes);
        var png = Ffmpeg.DecodeRgb24(w.Path);
        byte[] Px(int x, int y) => png.AsSpan((y * 100 + x) * 3, 3).ToArray();
        Assert.Equal([255, 32, 32], Px(20, 10));  // top-left corner
        Assert.Equal([255, 32, 32], Px(59, 39));  // bottom-right corner (x + w - 1, y + h - 1)
        Assert.Equal([255, 32, 32], Px(40, 10));  // top edge
        Assert.Equal([0, 0, 0], Px(40, 25));      // inside stays untouched
        Assert.Equal([0, 0, 0], Px(61, 41));      // outside too
    }

    [Fact]
    public void A_missing_folder_setting_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new SnapshotWriterAnalyzer(AnalyzerSettings.Empty));
        Assert.Contains("folder", e.Message);
    }

    private sealed record BoxesResult(IReadOnlyList<DetectionBox> Boxes) : IBoxesResult;
}
