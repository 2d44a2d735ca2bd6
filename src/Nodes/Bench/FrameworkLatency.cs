using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
using Valkka.Shm;

namespace Valkka.Nodes.Bench;

/// <summary>
/// The framework's side of <c>valkka bench latency</c>: a camera node with N cameras, each writing
/// Fps frames a second into its own ring and announcing them, and a client node (another process)
/// with one client per camera. The camera stamps the monotonic clock into the frame right before it
/// commits; the client reads the stamp when its analyzer would be called (lease granted).
/// CLOCK_MONOTONIC is one clock for every process of the host, so the difference is the one-way time.
/// </summary>
public static class FrameworkLatency
{
    public const string ClientsRole = "latency-clients";
    public const string CamerasRole = "latency-cameras";
    private const string CoordinatorName = "coordinator";

    public sealed record Outcome(LatencySummary Latency, double CpuMsPerFrame, long Lost);

    public static Outcome Run(LatencyOptions o)
    {
        using var clients = PeerProcess.Start(ClientsRole, ("cameras", o.Cameras));
        int port = int.Parse(clients.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using var cameras = PeerProcess.Start(CamerasRole, ("port", port), ("cameras", o.Cameras), ("fps", o.Fps),
            ("seconds", o.Seconds), ("width", o.Width), ("height", o.Height), ("slots", o.Slots));
        var r = cameras.WaitForResult(TimeSpan.FromSeconds(120 + o.Seconds));
        cameras.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its rings on the way out
        var latency = new LatencySummary((int)r["count"]!, (double)r["p50_us"]!, (double)r["p90_us"]!, (double)r["p99_us"]!, (double)r["max_us"]!);
        double cpuMs = ((double)r["cameras_cpu_s"]! + (double)r["clients_cpu_s"]!) * 1000 / Math.Max(1, latency.Count);
        return new Outcome(latency, cpuMs, (long)r["lost"]!);
    }

    public sealed record LatencyStart;
    public sealed record LatencyEnd;
    public sealed record LatencyDone(int Count, double P50, double P90, double P99, double Max, double CpuSeconds, long Stale);

    /// <summary>The samples of every client of this process (client actors run on several threads).</summary>
    private sealed class Samples
    {
        private readonly List<double> _us = new(1 << 16);
        public volatile bool Recording;
        public long Stale;
        public void Add(double us) { if (Recording) lock (_us) _us.Add(us); }
        public double[] Take() { lock (_us) { var a = _us.ToArray(); _us.Clear(); return a; } }
    }

    public static int RunClients(PeerArgs args)
    {
        int n = args.Int("cameras");
        var samples = new Samples();
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        for (int i = 0; i < n; i++) system.ActorOf(Props.Create(() => new ClientActor(samples)), $"client-{i}");
        system.ActorOf(Props.Create(() => new CoordinatorActor(samples)), CoordinatorName);
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }

    public static int RunCameras(PeerArgs args)
    {
        int n = args.Int("cameras"), fps = args.Int("fps"), seconds = args.Int("seconds"), port = args.Int("port");
        using var source = new SourceFrames(args.Int("width"), args.Int("height"));
        string topology = BenchNames.NewTopology();
        var rings = new List<FrameRingWriter>();
        try
        {
            for (int i = 0; i < n; i++) rings.Add(FrameRingWriter.Create(topology, $"cam{i}", args.Int("slots"), source.Length));
            using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
            var coordinator = BenchAkka.Resolve(system, port, CoordinatorName);
            var counters = new CameraCounters();
            var period = TimeSpan.FromSeconds(1.0 / fps);
            for (int i = 0; i < n; i++)
            {
                var client = BenchAkka.Resolve(system, port, $"client-{i}");
                var ring = rings[i];
                var phase = period * i / n;
                system.ActorOf(Props.Create(() => new CameraActor($"cam{i}", ring, source, client, period, phase, counters)));
            }
            Thread.Sleep(TimeSpan.FromSeconds(2)); // warm-up: JIT, connections, first frames
            coordinator.Ask<bool>(new LatencyStart(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var cpu0 = CpuClock.Process();
            counters.Recording = true;
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            counters.Recording = false;
            var cpu = (CpuClock.Process() - cpu0).TotalSeconds;
            var done = coordinator.Ask<LatencyDone>(new LatencyEnd(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            Console.WriteLine("RESULT " + new JsonObject
            {
                ["count"] = done.Count, ["p50_us"] = done.P50, ["p90_us"] = done.P90, ["p99_us"] = done.P99, ["max_us"] = done.Max,
                ["sent"] = counters.Sent, ["lost"] = counters.Lost, ["stale"] = done.Stale,
                ["cameras_cpu_s"] = cpu, ["clients_cpu_s"] = done.CpuSeconds,
            }.ToJsonString());
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            return 0;
        }
        finally
        {
            foreach (var ring in rings) ring.Dispose();
        }
    }

    private sealed class CameraCounters
    {
        public volatile bool Recording;
        private long _sent, _lost;
        public long Sent => Interlocked.Read(ref _sent);
        public long Lost => Interlocked.Read(ref _lost);
        public void CountSent() { if (Recording) Interlocked.Increment(ref _sent); }
        public void CountLost() { if (Recording) Interlocked.Increment(ref _lost); }
    }

    private sealed record Tick;

    private sealed unsafe class CameraActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;
        private int _credit;

        public CameraActor(string cameraId, FrameRingWriter ring, SourceFrames source, IActorRef client,
            TimeSpan period, TimeSpan phase, CameraCounters counters)
        {
            long frame = 0;
            var info = new FrameInfo(source.Width, source.Height, source.Width * 3, PixelFormat.Rgb24, 0, source.Length);
            int reader = ring.RegisterReader();
            Receive<FrameWire.CreditMessage>(c =>
            {
                if (c.Count == 0 && _credit == 0) { _credit = 2; Timers.StartPeriodicTimer("tick", new Tick(), phase, period); }
                else _credit += c.Count;
            });
            Receive<Tick>(_ =>
            {
                if (_credit == 0 || !ring.TryBeginWrite(out var slot)) { counters.CountLost(); return; }
                Buffer.MemoryCopy(source[frame], slot.Data, slot.Capacity, source.Length);
                long ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                *(long*)slot.Data = Stopwatch.GetTimestamp();
                long sequence = ring.Commit(slot, info with { TimestampMs = ms });
                client.Tell(FrameWire.Frame(cameraId, ring.Path, slot.Slot, sequence, ms, source.Width, source.Height));
                _credit--;
                frame++;
                counters.CountSent();
            });
            client.Tell(new FrameWire.Attach(ring.Path, reader));
        }
    }

    private sealed unsafe class ClientActor : ReceiveActor
    {
        private FrameRingReader? _ring;

        public ClientActor(Samples samples)
        {
            Receive<FrameWire.Attach>(a =>
            {
                _ring?.Dispose();
                _ring = FrameRingReader.Attach(a.RingPath, a.ReaderIndex);
                Sender.Tell(FrameWire.Credit("", 0));
            });
            Receive<FrameWire.FrameMessage>(m =>
            {
                var (slot, sequence) = FrameWire.SlotOf(m);
                if (_ring!.TryLease(slot, sequence, out var lease) == LeaseResult.Leased)
                {
                    long now = Stopwatch.GetTimestamp();
                    samples.Add(Stopwatch.GetElapsedTime(*(long*)lease.Data, now).TotalMicroseconds);
                    _ring.Release(lease);
                }
                else
                {
                    Interlocked.Increment(ref samples.Stale);
                }
                Sender.Tell(FrameWire.Credit(m.CameraId, 1));
            });
        }

        protected override void PostStop() => _ring?.Dispose();
    }

    private sealed class CoordinatorActor : ReceiveActor
    {
        public CoordinatorActor(Samples samples)
        {
            var cpu0 = TimeSpan.Zero;
            Receive<LatencyStart>(_ =>
            {
                samples.Take();
                Interlocked.Exchange(ref samples.Stale, 0);
                cpu0 = CpuClock.Process();
                samples.Recording = true;
                Sender.Tell(true);
            });
            Receive<LatencyEnd>(_ =>
            {
                samples.Recording = false;
                double cpu = (CpuClock.Process() - cpu0).TotalSeconds;
                var us = samples.Take();
                var s = us.Length > 0 ? Percentiles.Summarize(us) : new LatencySummary(0, 0, 0, 0, 0);
                Sender.Tell(new LatencyDone(s.Count, s.P50, s.P90, s.P99, s.Max, cpu, Interlocked.Read(ref samples.Stale)));
            });
        }
    }
}
