using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Samples.Tests;

public class FrameStatisticsAnalyzerTests
{
    private static FrameStatisticsAnalyzer Make(string hocon) => new(AnalyzerSettings.Parse(hocon));

    [Fact]
    public void Mean_colour_of_a_solid_frame_is_that_colour()
    {
        using var frame = new NativeFrame(64, 48, stride: 64 * 3 + 32);
        frame.Fill(200, 100, 7);
        var analyzer = Make("report-every = 1");
        var stats = Assert.IsType<FrameStatistics>(new RecordingClientContext().Analyze(analyzer, frame.View()));
        Assert.Equal((200.0, 100.0, 7.0), (stats.MeanR, stats.MeanG, stats.MeanB));
    }

    [Fact]
    public void Mean_colour_weighs_both_halves_of_a_split_frame()
    {
        using var frame = new NativeFrame(64, 64);
        var px = frame.Span;
        for (var y = 0; y < 64; y++)
        for (var x = 0; x < 64; x++)
        {
            var i = y * frame.Stride + x * 3;
            (px[i], px[i + 1], px[i + 2]) = y < 32 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255);
        }
        var (r, g, b) = FrameStatisticsAnalyzer.MeanColour(frame.View(), 4);
        Assert.Equal(127.5, r, 6);
        Assert.Equal(0, g);
        Assert.Equal(127.5, b, 6);
    }

    [Fact]
    public void Bgr_frames_report_red_as_red()
    {
        using var frame = new NativeFrame(16, 16, PixelFormat.Bgr24);
        frame.Fill(10, 20, 250); // bytes in B, G, R order: red = 250
        var (r, _, b) = FrameStatisticsAnalyzer.MeanColour(frame.View(), 1);
        Assert.Equal(250, r);
        Assert.Equal(10, b);
    }

    [Fact]
    public void Reports_every_nth_frame_with_fps_from_frame_timestamps()
    {
        using var frame = new NativeFrame(32, 32);
        var analyzer = Make("report-every = 10");
        var ctx = new RecordingClientContext();
        var results = new List<FrameStatistics>();
        for (var i = 0; i < 30; i++)
            if (ctx.Analyze(analyzer, frame.View(sequence: i * 2, timestampMs: 1_000 + i * 40)) is FrameStatistics s)
                results.Add(s);

        Assert.Equal([10L, 20L, 30L], results.Select(r => r.FrameCount));
        // 9 frame intervals of 40 ms in the first window, then 10 per window: 25 fps.
        Assert.Equal(25.0, results[0].Fps, 6);
        Assert.Equal(25.0, results[2].Fps, 6);
    }

    [Fact]
    public void Forwards_every_nth_frame_per_camera_only_when_there_is_a_master()
    {
        using var frame = new NativeFrame(8, 8);
        var analyzer = Make("forward-every = 3");
        var withMaster = new RecordingClientContext();
        var without = new RecordingClientContext(hasMaster: false);
        for (var i = 1; i <= 9; i++)
        {
            withMaster.Analyze(analyzer, frame.View("a", sequence: i));
            withMaster.Analyze(analyzer, frame.View("b", sequence: 100 + i));
        }
        var never = Make("forward-every = 0");
        for (var i = 1; i <= 9; i++)
        {
            without.Analyze(analyzer, frame.View("c", sequence: i));
            withMaster.Analyze(never, frame.View("d", sequence: 1000 + i));
        }

        Assert.Equal([3L, 103L, 6L, 106L, 9L, 109L], withMaster.ForwardedSequences);
        Assert.Empty(without.ForwardedSequences);
    }

    [Fact]
    public void Counts_results_coming_back_from_the_master()
    {
        var analyzer = new FrameStatisticsAnalyzer();
        var ctx = new RecordingClientContext();
        IFrameAnalyzer asClient = analyzer;
        var result = new EdgeHistogram("a", 4, 1, 2, [0.5f, 0.5f], 1, 0);
        asClient.OnMasterResult(new MasterResult("client1", "a", 4, result), ctx);
        asClient.OnMasterResult(new MasterResult("client1", "a", 6, result), ctx);
        Assert.Equal(2, analyzer.MasterResultsReceived);
    }

    [Fact]
    public void A_bad_setting_names_its_key()
    {
        var e = Assert.Throws<ArgumentException>(() => Make("report-every = 0"));
        Assert.Contains("report-every", e.Message);
        var wrongType = Assert.Throws<AnalyzerSettingsException>(() => Make("forward-every = lots"));
        Assert.Contains("\"forward-every\": expected an integer", wrongType.Message);
    }
}
