using System.Buffers.Binary;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;

namespace Valkka.Actors.TestNode;

/// <summary>
/// Frames per second from a pattern:// camera (as fast as it goes) through the ring to one client,
/// with the client in the camera's ActorSystem or in a second one over Akka.Remote on 127.0.0.1.
/// Prints figures; asserts nothing (a measurement, not a test).
/// </summary>
public static class TransportBench
{
    private sealed class CountingAnalyzer : IFrameAnalyzer
    {
        public long Frames;
        public long Torn;

        public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
        {
            // Only the frame numbers at the start of the first and last rows: the full check would
            // measure PatternFrames, not transport (the tests check every pixel).
            long first = BinaryPrimitives.ReadInt64LittleEndian(frame.Row(0));
            long last = BinaryPrimitives.ReadInt64LittleEndian(frame.Row(frame.Height - 1));
            if (first != last) Interlocked.Increment(ref Torn);
            Interlocked.Increment(ref Frames);
            return null;
        }
    }

    public static async Task<int> Run(int seconds, string size, bool remote, int credit, int fps)
    {
        string topology = "bench" + Guid.NewGuid().ToString("N")[..8];
        var cameraNode = ValkkaNode.Start(NodeConfig.Create("127.0.0.1", 0, []));
        var clientNode = remote ? ValkkaNode.Start(NodeConfig.Create("127.0.0.1", 0, [])) : cameraNode;
        try
        {
            var camera = cameraNode.ActorOf(CameraActor.Props(new CameraSettings(topology, "b", new DecoderOptions($"pattern://?size={size}&fps={fps}"), 8)),
                ActorPaths.CameraName("b"));
            var path = remote
                ? $"{((ExtendedActorSystem)cameraNode).Provider.DefaultAddress}/user/{ActorPaths.CameraName("b")}"
                : camera.Path.ToStringWithoutAddress();
            var analyzer = new CountingAnalyzer();
            var client = clientNode.ActorOf(ClientActor.Props(
                new ClientSettings(topology, "c", [new CameraAddress("b", path)], "", Config.Empty, null, credit), () => analyzer));

            var start = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Interlocked.Read(ref analyzer.Frames) < 50 && DateTime.UtcNow < start) await Task.Delay(50);
            var before = await camera.Ask<CameraDetails>(new GetCameraDetails());
            long framesBefore = Interlocked.Read(ref analyzer.Frames);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            double elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var after = await camera.Ask<CameraDetails>(new GetCameraDetails());
            long frames = Interlocked.Read(ref analyzer.Frames) - framesBefore;
            var stats = await client.Ask<ClientStats>(GetStats.Instance);
            Console.WriteLine($"transport {(remote ? "remote" : "local")} {size} fps {(fps == 0 ? "max" : fps)} credit {credit}: " +
                              $"written {(after.Published - before.Published) / elapsed:F0}/s, analyzed {frames / elapsed:F0}/s, " +
                              $"CPU {cpu / elapsed * 100:F0}% of one core, camera dropped {after.Dropped - before.Dropped}, skipped {stats.Skipped}, stale {stats.Stale}, torn {analyzer.Torn}");
            return analyzer.Torn == 0 ? 0 : 1;
        }
        finally
        {
            if (remote) await clientNode.Terminate();
            await cameraNode.Terminate();
        }
    }
}
