using System.Collections.Concurrent;
using Valkka.Actors.Analysis;
using Valkka.Actors.Tests.Support;
using Valkka.Media;

namespace Valkka.Actors.Tests;

/// <summary>
/// Readers ask a camera for a frame rate: the camera decodes and converts for the highest rate any
/// current reader wants, each client analyzes at its own rate, frames evenly spaced in capture time.
/// A real H.264 camera (synthetic:// clip, 25 fps, keyframe every 25 frames) into a real ring.
/// </summary>
public sealed class WantedRateTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private const string Clip = "synthetic://testsrc2?size=320x240&fps=25&codec=h264";

    private sealed class CaptureTimes : IFrameAnalyzer, IFrameAnalyzerFactory
    {
        public ConcurrentQueue<long> Times { get; } = new();
        public IFrameAnalyzer Create() => this;

        public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
        {
            Times.Enqueue(frame.TimestampMs);
            return null;
        }

        /// <summary>The capture times of the next count frames analyzed from now.</summary>
        public long[] Next(int count, Akka.TestKit.TestKitBase kit)
        {
            int start = Times.Count;
            kit.AwaitCondition(() => Times.Count >= start + count, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
            return Times.Skip(start).Take(count).ToArray();
        }
    }

    [Fact]
    public void A_5_fps_client_keeps_5_fps_evenly_spaced_when_the_every_frame_client_leaves_and_the_camera_skips_conversion()
    {
        using var topology = new TestTopology();
        var camera = Scenario.StartCamera(Sys, new CameraSettings(topology.Name, "r", new DecoderOptions(Clip), 6));
        var path = camera.Path.ToStringWithoutAddress();
        var five = new CaptureTimes();
        var every = new CaptureTimes();
        var fiveClient = Scenario.StartClient(Sys, topology, "five", "r", path, five, fps: 5);
        var everyClient = Scenario.StartClient(Sys, topology, "every", "r", path, every);

        AwaitCondition(() => Probe.Camera(camera) is { Readers: 2, WantedFps: double.PositiveInfinity }, TimeSpan.FromSeconds(30));
        every.Next(25, this);
        AssertEvenlySpaced(five.Next(11, this), 200, "5 fps client beside an every-frame client");

        Sys.Stop(everyClient);
        AwaitCondition(() => Probe.Camera(camera) is { Readers: 1, WantedFps: 5.0 }, TimeSpan.FromSeconds(20));
        five.Next(2, this); // the camera's 5 fps schedule starts from its last frame, the client's from its last pick
        var before = Probe.Camera(camera);
        AssertEvenlySpaced(five.Next(16, this), 200, "5 fps client alone");
        var after = Probe.Camera(camera);

        long decoded = after.Decoded - before.Decoded, published = after.Published - before.Published;
        long notConverted = after.SkippedUnconverted - before.SkippedUnconverted;
        Assert.True(decoded >= 50, $"decoded {decoded} frames in 3 s: {before} -> {after}");
        Assert.InRange(published, decoded / 5 - 3, decoded / 5 + 3);
        Assert.True(notConverted >= decoded - published - 3, $"skipped conversion of {notConverted} of {decoded} decoded frames, published {published}");
        Assert.Equal(0, after.Lost);
        Assert.Equal(after.Dropped, before.Dropped);
        var seen = Probe.Client(fiveClient, "r");
        Assert.Equal(5, seen.WantedFps);
        Assert.True(seen.SkippedForRate > 0, $"the 5 fps client left nothing out while the camera ran at 25 fps: {seen}");
    }

    [Fact]
    public void A_camera_forced_to_decode_keyframes_delivers_only_keyframes_to_an_every_frame_client()
    {
        using var topology = new TestTopology();
        var settings = new CameraSettings(topology.Name, "k", new DecoderOptions(Clip) { Decode = DecodeMode.Keyframes }, 4);
        var camera = Scenario.StartCamera(Sys, settings);
        var frames = new CaptureTimes();
        Scenario.StartClient(Sys, topology, "c", "k", camera.Path.ToStringWithoutAddress(), frames);

        frames.Next(2, this); // the first frame's capture time is its arrival, before the stream's clock is anchored
        var before = Probe.Camera(camera);
        AssertEvenlySpaced(frames.Next(4, this), 1000, "keyframes of a 25 fps stream with a keyframe every 25 frames");
        var after = Probe.Camera(camera);
        long read = after.Read - before.Read, decoded = after.Decoded - before.Decoded;
        Assert.True(read >= 75 && decoded <= read / 25 + 1, $"read {read} packets and decoded {decoded} frames: {before} -> {after}");
        Assert.Equal(read - decoded, after.SkippedUndecoded - before.SkippedUndecoded);
    }

    // Frames picked by capture time at a wanted interval are at most 0.4 of a native frame interval (40 ms)
    // early. The 10 s synthetic clip loops; its stream time runs on across the loop, so the gap that spans
    // a loop is as even as the others.
    private static void AssertEvenlySpaced(long[] times, int intervalMs, string what)
    {
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        int slack = Math.Max(20, intervalMs / 10);
        Assert.True(gaps.All(g => Math.Abs(g - intervalMs) <= slack),
            $"{what}: gaps between capture times {string.Join(", ", gaps)} ms, wanted {intervalMs} ± {slack}");
    }
}
