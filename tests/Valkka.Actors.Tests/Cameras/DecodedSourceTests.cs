using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;
using Valkka.Media.Decoding;
using Valkka.Shm;

namespace Valkka.Actors.Tests.Cameras;

/// <summary>A camera decoding real H.264 (synthetic:// clip made with the ffmpeg CLI) into its ring.</summary>
public sealed class DecodedSourceTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private sealed class PictureAnalyzer : IFrameAnalyzer, IFrameAnalyzerFactory
    {
        public long Frames, WrongShape, Flat;
        public IFrameAnalyzer Create() => this;

        public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
        {
            if (frame.Width != 320 || frame.Height != 240 || frame.Format != PixelFormat.Rgb24 || frame.Pixels.Length != 320 * 240 * 3)
                Interlocked.Increment(ref WrongShape);
            // A test pattern has colour: a frame of one byte value means nothing was decoded into the slot.
            var pixels = frame.Pixels;
            if (pixels.IndexOfAnyExcept(pixels[0]) < 0) Interlocked.Increment(ref Flat);
            Interlocked.Increment(ref Frames);
            return null;
        }
    }

    [Fact]
    public void Frames_decoded_from_h264_reach_a_client_through_the_ring()
    {
        using var topology = new TestTopology();
        // No size in the settings: the ring is made on the first decoded frame, at the stream's size.
        var settings = new CameraSettings(topology.Name, "s", new DecoderOptions("synthetic://testsrc2?size=320x240&fps=25&codec=h264"), 6);
        var camera = Scenario.StartCamera(Sys, settings);
        var analyzer = new PictureAnalyzer();
        Scenario.StartClient(Sys, topology, "c1", "s", camera.Path.ToStringWithoutAddress(), analyzer);

        AwaitCondition(() => Interlocked.Read(ref analyzer.Frames) >= 25, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, analyzer.WrongShape);
        Assert.Equal(0, analyzer.Flat);
        var stats = Probe.Ask<CameraStats>(camera, GetStats.Instance);
        Assert.Equal("streaming", stats.Status);
        Assert.True(stats.Decoded >= 25, stats.ToString());
    }
}
