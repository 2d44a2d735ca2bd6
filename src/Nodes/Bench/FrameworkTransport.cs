using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Nodes.Bench;

/// <summary>
/// Transport variant (a), this framework: a camera node copies each frame into a slot of its
/// Valkka.Shm ring and sends FrameAvailable (a frame reference) over Akka.Remote with the framework's
/// serializer; a real <see cref="ClientActor"/> in another process leases the slot, runs an analyzer
/// that reads every byte in place, releases it and returns credit. The camera (see
/// <see cref="BenchCamera"/>) writes a new frame whenever the client has credit.
/// </summary>
public static class FrameworkTransport
{
    public const string CameraRole = "ring-camera";
    public const string ClientRole = "ring-client";
    private const string CameraId = "cam";
    private const string ClientId = "bench";

    public static TransportRun Run(int frames, int warmup, int window, int slots, int width, int height)
    {
        using var camera = PeerProcess.Start(CameraRole, ("frames", frames), ("warmup", warmup), ("slots", slots), ("width", width), ("height", height));
        int cameraPort = int.Parse(camera.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using var client = PeerProcess.Start(ClientRole, ("camera_port", cameraPort), ("credit", window));
        var ready = client.WaitFor("READY", TimeSpan.FromSeconds(60)).Split(' ');
        camera.Send($"client {ready[0]} {ready[1]}");
        var r = camera.WaitForResult(TimeSpan.FromSeconds(120 + frames / 10));
        camera.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its ring on the way out
        if ((long)r["analyzed"]! < (long)r["frames"]!)
            throw new InvalidOperationException($"framework transport: the client analyzed {r["analyzed"]} frames of {r["frames"]} ({r["stale"]} stale)");
        return TransportRun.FromPeerResult(r);
    }

    public static unsafe int RunCamera(PeerArgs args)
    {
        int width = args.Int("width"), height = args.Int("height"), frames = args.Int("frames"), warmup = args.Int("warmup");
        using var source = new SourceFrames(width, height);
        using var ring = FrameRingWriter.Create(BenchNames.NewTopology(), "cam-" + CameraId, args.Int("slots"), source.Length);
        var info = new FrameInfo(width, height, width * 3, PixelFormat.Rgb24, 0, source.Length);
        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long start = long.MaxValue, last = 0;
        void Observe(long returned)
        {
            Volatile.Write(ref last, returned);
            if (returned == warmup) warm.TrySetResult();
            if (returned - Volatile.Read(ref start) == frames) done.TrySetResult();
        }
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var cameraActor = system.ActorOf(BenchCamera.Props(CameraId, ring, info,
            (n, dest) => Buffer.MemoryCopy(source[n], dest, source.Length, source.Length), Observe), CameraActor.ActorName(CameraId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");

        var line = (Console.ReadLine() ?? "").Split(' ');
        if (line is not ["client", var portText, var pidText]) throw new InvalidOperationException($"expected 'client PORT PID' on stdin, got '{string.Join(' ', line)}'");
        int clientPid = int.Parse(pidText);
        var timeout = TimeSpan.FromSeconds(60 + frames / 10);
        warm.Task.WaitAsync(timeout).GetAwaiter().GetResult();
        // Counting starts at the next credit: frames in flight now are measured frames' predecessors.
        var cpu0 = CpuClock.Process();
        var clientCpu0 = CpuClock.OfProcess(clientPid) ?? throw new InvalidOperationException("client process gone");
        long t0 = Stopwatch.GetTimestamp();
        Volatile.Write(ref start, Volatile.Read(ref last));
        done.Task.WaitAsync(timeout).GetAwaiter().GetResult();
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu = CpuClock.Process() - cpu0;
        var clientCpu = (CpuClock.OfProcess(clientPid) ?? throw new InvalidOperationException("client process gone")) - clientCpu0;

        var clientRef = FrameWire.ResolveClient(system, int.Parse(portText), ClientId);
        var stats = clientRef.Ask<ClientStats>(GetStats.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["frames"] = frames, ["seconds"] = seconds, ["sender_cpu_s"] = cpu.TotalSeconds, ["receiver_cpu_s"] = clientCpu.TotalSeconds,
            ["analyzed"] = stats.Analyzed, ["stale"] = stats.Stale,
        }.ToJsonString());
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    public static int RunClient(PeerArgs args)
    {
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var settings = new ClientSettings("bench", ClientId,
            [new CameraAddress(CameraId, FrameWire.CameraPath(args.Int("camera_port"), CameraId))],
            "", Akka.Configuration.Config.Empty, null, args.Int("credit"));
        system.ActorOf(ClientActor.Props(settings, () => new ChecksumAnalyzer()), ClientActor.ActorName(ClientId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)} {Environment.ProcessId}");
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }
}
