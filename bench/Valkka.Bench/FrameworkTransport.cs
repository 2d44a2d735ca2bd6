using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// Transport variant (a), this framework: a camera node copies each frame into a slot of its
/// Valkka.Shm ring; a real <see cref="ClientActor"/> in another process leases the slot, runs an
/// analyzer that reads every byte in place and releases it. Two ways of announcing frames:
/// <list type="bullet">
/// <item>"doorbell" (the framework's default on one host): the camera writes frame after frame as fast
/// as it can (as a decoder would, never waiting for readers); the ring's futex doorbell wakes a
/// watcher thread in the client's node, which gives the client FrameAvailable locally under its
/// credit, latest wins. Frames/s counts frames the client analyzed; frames it never got are skipped.</item>
/// <item>"akka": FrameAvailable over Akka.Remote and ReturnCredit back (the framework across hosts, and
/// on one host before the doorbell); the camera (<see cref="BenchCamera"/>) writes a new frame whenever
/// the client has credit.</item>
/// </list>
/// </summary>
public static class FrameworkTransport
{
    public const string CameraRole = "ring-camera";
    public const string ClientRole = "ring-client";
    private const string CameraId = "cam";
    private const string ClientId = "bench";

    public static TransportRun Run(string notify, int frames, int warmup, int window, int slots, int width, int height) =>
        Run(notify, frames, warmup, window, slots, width, height, ClientRole, [("notify", notify)], null);

    /// <summary>With the client process of <paramref name="clientRole"/> (its client id must be "bench"); <paramref name="afterRun"/> may ask it things before it is killed.</summary>
    public static TransportRun Run(string notify, int frames, int warmup, int window, int slots, int width, int height,
        string clientRole, (string Key, object Value)[] clientArgs, Action<PeerProcess>? afterRun)
    {
        using var camera = PeerProcess.Start(CameraRole, ("notify", notify), ("frames", frames), ("warmup", warmup), ("slots", slots), ("width", width), ("height", height));
        int cameraPort = int.Parse(camera.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using var client = PeerProcess.Start(clientRole, [("camera_port", cameraPort), ("credit", window), .. clientArgs]);
        var ready = client.WaitFor("READY", TimeSpan.FromSeconds(90)).Split(' ');
        camera.Send($"client {ready[0]} {ready[1]}");
        var r = camera.WaitForResult(TimeSpan.FromSeconds(120 + frames / 10));
        afterRun?.Invoke(client);
        camera.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its ring on the way out
        if (notify == "akka" && (long)r["analyzed"]! < (long)r["frames"]!)
            throw new InvalidOperationException($"framework transport: the client analyzed {r["analyzed"]} frames of {r["frames"]} ({r["stale"]} stale)");
        if ((long)r["frames"]! <= 0)
            throw new InvalidOperationException($"framework transport ({notify}): the client analyzed no frame ({r.ToJsonString()})");
        return TransportRun.FromPeerResult(r);
    }

    public static int RunCamera(PeerArgs args)
    {
        int width = args.Int("width"), height = args.Int("height");
        using var source = new SourceFrames(width, height);
        using var ring = FrameRingWriter.Create(BenchNames.NewTopology(), ActorPaths.CameraRingName(CameraId), args.Int("slots"), source.Length);
        var info = new FrameInfo(width, height, width * 3, PixelFormat.Rgb24, 0, source.Length);
        return args.String("notify") == "doorbell"
            ? RunDoorbellCamera(args, source, ring, info)
            : RunCreditCamera(args, source, ring, info);
    }

    /// <summary>Writes frames back to back from this thread; the client's node hears of them through the ring's doorbell.</summary>
    private static unsafe int RunDoorbellCamera(PeerArgs args, SourceFrames source, FrameRingWriter ring, FrameInfo info)
    {
        int frames = args.Int("frames"), warmup = args.Int("warmup");
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var cameraActor = system.ActorOf(BenchCamera.Props(CameraId, ring, info), ActorPaths.CameraName(CameraId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        var (clientRef, clientPid) = ReadClient(system);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Counters(cameraActor).HasReader)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the client did not subscribe within 60 s");
            Thread.Sleep(20);
        }
        if (!Counters(cameraActor).Doorbell) throw new InvalidOperationException("the client did not ask for doorbell announcements");

        long number = 0;
        void Write(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (!ring.TryBeginWrite(out var slot)) continue; // every slot leased: a camera drops the frame
                Buffer.MemoryCopy(source[number++], slot.Data, slot.Capacity, source.Length);
                ring.Commit(slot, info with { TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
            }
        }
        Write(warmup);
        var before = Stats(clientRef);
        var cpu0 = CpuClock.Process();
        var clientCpu0 = CpuClock.OfProcess(clientPid) ?? throw new InvalidOperationException("client process gone");
        long t0 = Stopwatch.GetTimestamp();
        Write(frames);
        // The window ends when the client has dealt with every written frame (analyzed, skipped or stale).
        long Handled(ClientStats s) => s.Analyzed + s.Skipped + s.Stale;
        var after = Stats(clientRef);
        var caughtUpBy = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (Handled(after) - Handled(before) < frames && Stopwatch.GetTimestamp() < caughtUpBy)
        {
            Thread.Sleep(1);
            after = Stats(clientRef);
        }
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu = CpuClock.Process() - cpu0;
        var clientCpu = (CpuClock.OfProcess(clientPid) ?? throw new InvalidOperationException("client process gone")) - clientCpu0;
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["frames"] = after.Analyzed - before.Analyzed, ["written"] = frames, ["seconds"] = seconds,
            ["sender_cpu_s"] = cpu.TotalSeconds, ["receiver_cpu_s"] = clientCpu.TotalSeconds,
            ["analyzed"] = after.Analyzed - before.Analyzed, ["skipped"] = after.Skipped - before.Skipped, ["stale"] = after.Stale - before.Stale,
        }.ToJsonString());
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    /// <summary>Writes a frame whenever the client has credit and announces it over Akka.Remote.</summary>
    private static unsafe int RunCreditCamera(PeerArgs args, SourceFrames source, FrameRingWriter ring, FrameInfo info)
    {
        int frames = args.Int("frames"), warmup = args.Int("warmup");
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
        system.ActorOf(BenchCamera.Props(CameraId, ring, info,
            (n, dest) => Buffer.MemoryCopy(source[n], dest, source.Length, source.Length), Observe), ActorPaths.CameraName(CameraId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        var (clientRef, clientPid) = ReadClient(system);
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
        var stats = Stats(clientRef);
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["frames"] = frames, ["written"] = frames, ["seconds"] = seconds, ["sender_cpu_s"] = cpu.TotalSeconds, ["receiver_cpu_s"] = clientCpu.TotalSeconds,
            ["analyzed"] = stats.Analyzed, ["skipped"] = stats.Skipped, ["stale"] = stats.Stale,
        }.ToJsonString());
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    public static int RunClient(PeerArgs args)
    {
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var settings = new ClientSettings("bench", ClientId,
            [new CameraAddress(CameraId, FrameWire.CameraPath(args.Int("camera_port"), CameraId))],
            "", Akka.Configuration.Config.Empty, null, args.Int("credit"))
        {
            Notify = args.String("notify") == "doorbell" ? FrameNotify.Doorbell : FrameNotify.Remote,
        };
        system.ActorOf(ClientActor.Props(settings, () => new ChecksumAnalyzer()), ActorPaths.ClientName(ClientId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)} {Environment.ProcessId}");
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }

    private static (IActorRef Client, int Pid) ReadClient(ActorSystem system)
    {
        var line = (Console.ReadLine() ?? "").Split(' ');
        if (line is not ["client", var portText, var pidText]) throw new InvalidOperationException($"expected 'client PORT PID' on stdin, got '{string.Join(' ', line)}'");
        return (FrameWire.ResolveClient(system, int.Parse(portText), ClientId), int.Parse(pidText));
    }

    private static BenchCamera.CameraCounters Counters(IActorRef camera) =>
        camera.Ask<BenchCamera.CameraCounters>(new BenchCamera.GetCounters(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    private static ClientStats Stats(IActorRef client) =>
        client.Ask<ClientStats>(GetStats.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
}
