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
/// The framework's side of <c>valkka bench latency</c>: a camera node with N cameras and a client
/// node (another process) with one real <see cref="ClientActor"/> per camera. As in CameraActor, a
/// producer thread (the decoders' stand-in) writes each frame into the camera's ring, commits it and
/// tells the camera actor. With notify "doorbell" (the framework's default on one host) the commit's
/// futex doorbell wakes a watcher thread in the client node, which gives the client its FrameAvailable
/// locally; with "akka" the camera actor sends FrameAvailable over Akka.Remote. The producer
/// stamps the monotonic clock into the frame right before the commit; the client's analyzer reads it.
/// The bench drives both processes over stdin: warm up, "start", measure, "end".
/// </summary>
public static class FrameworkLatency
{
    public const string ClientsRole = "latency-clients";
    public const string CamerasRole = "latency-cameras";

    public sealed record Outcome(LatencySummary Latency, double WindowSeconds, double CpuMsPerFrame, long Lost, long Stale);

    /// <param name="notify">"doorbell": the ring's futex doorbell and a watcher thread (ClientSettings.Notify
    /// Doorbell, the default); "akka": FrameAvailable over Akka.Remote (FrameNotify.Remote).</param>
    public static Outcome Run(LatencyOptions o, string notify)
    {
        using var cameras = PeerProcess.Start(CamerasRole, ("cameras", o.Cameras), ("fps", o.Fps),
            ("width", o.Width), ("height", o.Height), ("slots", o.Slots));
        var ready = cameras.WaitFor("READY", TimeSpan.FromSeconds(60)).Split(' ');
        using var clients = PeerProcess.Start(ClientsRole, ("cameras", o.Cameras), ("camera_port", ready[0]), ("notify", notify));
        clients.WaitFor("READY", TimeSpan.FromSeconds(60));
        cameras.WaitFor("STREAMING", TimeSpan.FromSeconds(60)); // every camera has its client
        Thread.Sleep(TimeSpan.FromSeconds(2));                   // warm-up: JIT, connections
        clients.Send("start");
        cameras.Send("start");
        Thread.Sleep(TimeSpan.FromSeconds(o.Seconds));
        // Both windows end together: the clients' would otherwise last as long as the cameras take to report.
        cameras.Send("end");
        clients.Send("end");
        var cam = cameras.WaitForResult(TimeSpan.FromSeconds(30));
        var cli = clients.WaitForResult(TimeSpan.FromSeconds(30));
        cameras.Send("quit");
        cameras.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its rings on the way out

        var latency = new LatencySummary((int)cli["count"]!, (double)cli["p50_us"]!, (double)cli["p90_us"]!, (double)cli["p99_us"]!, (double)cli["max_us"]!);
        double cpuMs = ((double)cam["cpu_s"]! + (double)cli["cpu_s"]!) * 1000 / Math.Max(1, latency.Count);
        return new Outcome(latency, (double)cli["window_s"]!, cpuMs, (long)cam["no_credit"]! + (long)cli["skipped"]!, (long)cli["stale"]!);
    }

    public static unsafe int RunCameras(PeerArgs args)
    {
        int n = args.Int("cameras"), fps = args.Int("fps");
        using var source = new SourceFrames(args.Int("width"), args.Int("height"));
        var info = new FrameInfo(source.Width, source.Height, source.Width * 3, PixelFormat.Rgb24, 0, source.Length);
        string topology = BenchNames.NewTopology();
        var rings = new List<FrameRingWriter>();
        try
        {
            for (int i = 0; i < n; i++) rings.Add(FrameRingWriter.Create(topology, $"cam-c{i}", args.Int("slots"), source.Length));
            using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
            var actors = rings.Select((ring, i) => system.ActorOf(BenchCamera.Props($"c{i}", ring, info), ActorPaths.CameraName($"c{i}"))).ToArray();
            Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");

            using var stop = new CancellationTokenSource();
            var producer = new Thread(() => Produce(rings, actors, source, info, fps, stop.Token)) { IsBackground = true, Name = "bench-producer" };
            producer.Start();

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!actors.All(a => a.Ask<BenchCamera.CameraCounters>(new BenchCamera.GetCounters(), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult().HasReader))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("not every camera got its client within 60 s");
                Thread.Sleep(50);
            }
            Console.WriteLine("STREAMING");

            Expect("start");
            var before = Sum(actors);
            var cpu0 = CpuClock.Process();
            Expect("end");
            var cpu = CpuClock.Process() - cpu0;
            var after = Sum(actors);
            Console.WriteLine("RESULT " + new JsonObject
            {
                ["published"] = after.Published - before.Published, ["sent"] = after.Sent - before.Sent,
                ["no_credit"] = after.NoCredit - before.NoCredit, ["cpu_s"] = cpu.TotalSeconds,
            }.ToJsonString());
            Expect("quit");
            stop.Cancel();
            producer.Join();
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            return 0;
        }
        finally
        {
            foreach (var ring in rings) ring.Dispose();
        }
    }

    private static BenchCamera.CameraCounters Sum(IActorRef[] actors)
    {
        var all = actors.Select(a => a.Ask<BenchCamera.CameraCounters>(new BenchCamera.GetCounters(), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult()).ToList();
        return new BenchCamera.CameraCounters(all.Sum(c => c.Published), all.Sum(c => c.Sent), all.Sum(c => c.NoCredit), all.Sum(c => c.CreditsReturned), true, all.All(c => c.Doorbell));
    }

    private static void Expect(string word)
    {
        var line = Console.ReadLine();
        if (line != word) throw new InvalidOperationException($"expected '{word}' on stdin, got '{line}'");
    }

    /// <summary>One thread paces every camera at fps, cameras spread evenly over the frame period.</summary>
    private static unsafe void Produce(List<FrameRingWriter> rings, IActorRef[] actors, SourceFrames source, FrameInfo info, int fps, CancellationToken stop)
    {
        int n = rings.Count;
        long periodTicks = Stopwatch.Frequency / fps;
        long t0 = Stopwatch.GetTimestamp();
        var next = Enumerable.Range(0, n).Select(i => t0 + periodTicks * i / n).ToArray();
        var frameNumber = new long[n];
        while (!stop.IsCancellationRequested)
        {
            int due = 0;
            for (int i = 1; i < n; i++) if (next[i] < next[due]) due = i;
            long wait = next[due] - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                continue;
            }
            // A producer that fell behind (preempted) skips what it missed, as a live camera would, instead of
            // committing a burst that would count more frames than the window holds.
            long now = Stopwatch.GetTimestamp();
            next[due] = now - next[due] > periodTicks ? now + periodTicks : next[due] + periodTicks;
            var ring = rings[due];
            if (!ring.TryBeginWrite(out var slot)) continue; // every slot leased: the camera drops the frame
            Buffer.MemoryCopy(source[frameNumber[due]++], slot.Data, slot.Capacity, source.Length);
            long ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            *(long*)slot.Data = Stopwatch.GetTimestamp();
            long sequence = ring.Commit(slot, info with { TimestampMs = ms });
            actors[due].Tell(new BenchCamera.Committed(new FrameRef($"c{due}", ring.Path, slot.Slot, sequence, ms, info.Width, info.Height)));
        }
    }

    public static int RunClients(PeerArgs args)
    {
        int n = args.Int("cameras"), port = args.Int("camera_port");
        var notify = args.String("notify") == "doorbell" ? FrameNotify.Doorbell : FrameNotify.Remote;
        var samples = new LatencySamples();
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var clients = new List<IActorRef>();
        for (int i = 0; i < n; i++)
        {
            var settings = new ClientSettings("bench", $"l{i}", [new CameraAddress($"c{i}", FrameWire.CameraPath(port, $"c{i}"))],
                "", Akka.Configuration.Config.Empty, null, 2) { Notify = notify };
            clients.Add(system.ActorOf(ClientActor.Props(settings, () => new LatencyAnalyzer(samples)), ActorPaths.ClientName($"l{i}")));
        }
        Console.WriteLine("READY");
        Expect("start");
        var cpu0 = CpuClock.Process();
        var before = Stats(clients);
        samples.Start();
        Expect("end");
        var us = samples.Stop();
        var cpu = CpuClock.Process() - cpu0;
        var after = Stats(clients);
        var s = us.Length > 0 ? Percentiles.Summarize(us) : new LatencySummary(0, 0, 0, 0, 0);
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["count"] = s.Count, ["window_s"] = samples.WindowSeconds, ["p50_us"] = s.P50, ["p90_us"] = s.P90, ["p99_us"] = s.P99, ["max_us"] = s.Max,
            ["cpu_s"] = cpu.TotalSeconds, ["stale"] = after.Stale - before.Stale, ["skipped"] = after.Skipped - before.Skipped,
        }.ToJsonString());
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }

    private static (long Stale, long Skipped) Stats(List<IActorRef> clients)
    {
        var all = clients.Select(c => c.Ask<ClientStats>(GetStats.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult()).ToList();
        return (all.Sum(a => a.Stale), all.Sum(a => a.Skipped));
    }
}
