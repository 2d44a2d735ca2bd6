using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Valkka.Actors.Analysis;
using Valkka.Shm;

namespace Acme.Motion.Tests;

public class MotionAnalyzerTests
{
    private const int Width = 64, Height = 48;

    [Fact]
    public void A_frame_unlike_the_one_before_is_reported_and_a_still_one_is_not()
    {
        var analyzer = new MotionAnalyzer(AnalyzerSettings.Parse("min-changed = 0.5"), NullLogger.Instance);
        var context = new TestContext();

        Assert.Null(analyzer.Analyze(Frame(1, grey: 0), context));
        var moved = Assert.IsType<MotionResult>(analyzer.Analyze(Frame(2, grey: 255), context));
        Assert.Null(analyzer.Analyze(Frame(3, grey: 255), context));

        Assert.Equal(("cam1", 2L, 1.0), (moved.CameraId, moved.Sequence, moved.Changed));
    }

    // A synthetic RGB frame of one grey level.
    private static FrameView Frame(long sequence, byte grey)
    {
        var pixels = new byte[Width * Height * 3];
        Array.Fill(pixels, grey);
        return new FrameView("cam1", sequence, new FrameInfo(Width, Height, Width * 3, PixelFormat.Rgb24, sequence * 40, pixels.Length), pixels);
    }

    private sealed class TestContext : IClientContext
    {
        public string ClientId => "test";
        public ILogger Log => NullLogger.Instance;
        public bool HasMaster => false;
        public void ForwardToMaster() { }
        public bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write) => false;
    }
}
