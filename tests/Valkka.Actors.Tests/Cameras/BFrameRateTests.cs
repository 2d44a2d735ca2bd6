using System.Collections.Concurrent;
using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Tests.Support;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Tests.Cameras;

/// <summary>
/// On a stream with B-frames a camera that serves a low rate decodes only reference frames, so the
/// frame it delivers for a due time is now and then the one after the due (skipped) B-frame, a frame
/// interval late. Clients asking for that rate must still take every one of them, whichever of those
/// frames their own schedule starts from. Two real cameras play a real H.264 file with B-frames into
/// real rings, one for two 1 fps clients and one for two 5 fps clients (the second client of each
/// starts a frame after the first, so their schedules start on different frames); each client's rate
/// is counted by frames over its window.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class BFrameRateTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private sealed class Frames(string cameraId, double fps) : IFrameAnalyzer, IFrameAnalyzerFactory
    {
        private readonly ConcurrentQueue<long> _times = new();
        private int _from;
        public int Count => _times.Count;
        public IActorRef? Client { get; set; }
        public IFrameAnalyzer Create() => this;

        public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
        {
            _times.Enqueue(frame.TimestampMs);
            return null;
        }

        /// <summary>The window starts at the next frame; it is whole after count frames.</summary>
        public void StartWindow() => _from = Count;
        public bool HasWindow(int count) => Count >= _from + count;

        // Counted by frames: between its first and last frame of the window a client must have got at least
        // 95 % of the frames its rate asks for over the capture time they span (no timing of the test itself).
        public void AssertRate(int count)
        {
            var times = _times.Skip(_from).Take(count).ToArray();
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
            double expected = (times[^1] - times[0]) / 1000.0 * fps;
            Assert.True(gaps.Length >= 0.95 * expected,
                $"{fps} fps client got {gaps.Length} frame intervals where its rate asks for {expected:0.0} " +
                $"(gaps {string.Join(", ", gaps)} ms; {Probe.Client(Client!, cameraId)})");
        }
    }

    [Fact]
    public void Clients_at_1_and_5_fps_of_a_stream_with_B_frames_get_their_whole_rate()
    {
        // x264 with 3 B-frames in a fixed pattern (the middle one a reference: B-pyramid), a keyframe every 2 s
        // (1 and 5 fps are above the keyframe rate: the cameras decode reference frames only), 10 s looped.
        using var dir = new TempDirectory();
        var clip = dir.File("bframes.mp4");
        Ffmpeg.Run("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "250", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-x264-params", "b-adapt=0:bframes=3:scenecut=0", clip);
        using var topology = new TestTopology();
        var options = new DecoderOptions(clip) { Loop = true, Realtime = true };
        var oneCamera = Scenario.StartCamera(Sys, new CameraSettings(topology.Name, "one", options, 4));
        var fiveCamera = Scenario.StartCamera(Sys, new CameraSettings(topology.Name, "five", options, 4));
        var ones = new[] { StartClient(topology, oneCamera, "one", 1, "a"), null! };
        var fives = new[] { StartClient(topology, fiveCamera, "five", 5, "a"), null! };
        // The first frame's capture time is its arrival, before the stream's clock is anchored.
        AwaitCondition(() => ones[0].Count >= 2 && fives[0].Count >= 2, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));
        (ones[1], fives[1]) = (StartClient(topology, oneCamera, "one", 1, "b"), StartClient(topology, fiveCamera, "five", 5, "b"));
        AwaitCondition(() => ones[1].Count >= 1 && fives[1].Count >= 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));

        var all = ones.Concat(fives).ToArray();
        foreach (var frames in all) frames.StartWindow();
        AwaitCondition(() => ones.All(f => f.HasWindow(11)) && fives.All(f => f.HasWindow(51)), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        foreach (var frames in ones) frames.AssertRate(11);
        foreach (var frames in fives) frames.AssertRate(51);
    }

    private Frames StartClient(TestTopology topology, IActorRef camera, string cameraId, double fps, string name)
    {
        var frames = new Frames(cameraId, fps);
        frames.Client = Scenario.StartClient(Sys, topology, $"{cameraId}-{name}", cameraId, camera.Path.ToStringWithoutAddress(), frames, fps: fps);
        return frames;
    }
}
