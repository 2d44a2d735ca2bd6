using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;

namespace Valkka.Bench;

/// <summary>
/// The sweep of <c>valkka bench decode</c>: a camera node peer that adds real CameraActors on
/// command and measures, and the client nodes (<see cref="DecodeClients"/>).
/// </summary>
public static class DecodeScaling
{
    public const string CamerasRole = "decode-cameras";
    /// <summary>The client analyzer by default: reads the first row (proves the frame arrived, costs next to nothing),
    /// so the sweep measures decoding and transport rather than an analyzer.</summary>
    public const string LightAnalyzer = "first-row";

    public static List<DecodeStep> Run(string clip, DecodeOptions o, TextWriter log)
    {
        var steps = new List<DecodeStep>();
        using var cameras = PeerProcess.Start(CamerasRole, ("clip", clip), ("decode", o.DecodeEverything ? "everything" : "rate"));
        int port = int.Parse(cameras.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using (var clients = new DecodeClients(o))
        {
            for (int n = o.Start; n <= o.Max; n += o.Step)
            {
                var step = Step(cameras, clients, port, n, o.Seconds, DecodeStep.DefaultWarmupSeconds, o.DeliveredFps);
                steps.Add(step);
                log.WriteLine(step.Describe());
                if (step.IsOverloaded) break;
                // Past the first losing step the sweep goes on while the cameras keep real time, to show where decoding itself saturates.
                if (!step.RealTime) break;
            }
            cameras.Send("quit");
            cameras.WaitForExitOrThrow(TimeSpan.FromSeconds(60)); // cameras stop, rings unlinked
        }
        return steps;
    }

    /// <summary>One step: the camera node holds n cameras (adding or stopping some), the client node(s) n clients, then it measures.</summary>
    public static DecodeStep Step(PeerProcess cameras, DecodeClients clients, int port, int n, int seconds, int warmupSeconds, double deliveredFps)
    {
        // Fewer than before: the clients go first, so none is left reading a camera that stopped.
        if (n < clients.Ports.Count) clients.Grow(n, port);
        cameras.Send($"add {n}");
        cameras.WaitFor("ADDED", TimeSpan.FromSeconds(60 + n));
        if (n != clients.Ports.Count) clients.Grow(n, port);
        cameras.Send($"measure {seconds} {string.Join(',', clients.Ports)} {string.Join(',', clients.Pids)} {warmupSeconds}");
        var r = cameras.WaitForResult(TimeSpan.FromSeconds(120 + seconds + n * 5));
        if (r["overloaded"] is JsonNode reason) return DecodeStep.Overloaded(n, reason.ToString());
        double measured = (double)r["seconds"]!;
        double clientSeconds = (double)r["client_seconds"]!;   // the sum of every client's own window
        return new DecodeStep(n, measured, (long)r["decoded"]!, (long)Math.Round(deliveredFps * clientSeconds), (long)r["ring_dropped"]!,
            (long)r["client_skipped"]!, (long)r["client_stale"]!, (long)r["analyzed"]!, (double)r["camera_cpu_s"]!, (double)r["clients_cpu_s"]!)
        {
            CameraLost = (long)r["camera_lost"]!, SkippedForRate = (long)r["skipped_for_rate"]!,
            MachineBusyShare = (double)r["machine_busy"]!, CameraNodeFds = (int)r["fds"]!, CameraNodeThreads = (int)r["threads"]!,
        };
    }

    public static int RunCameras(PeerArgs args)
    {
        string clip = args.String("clip");
        bool everything = args.String("decode") == "everything";
        int slots = args.Int("slots", 4);
        string topology = BenchNames.NewTopology();
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var cameras = new List<IActorRef>();
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        try
        {
            while (Console.ReadLine() is { } line)
            {
                var words = line.Split(' ');
                if (words is ["add", var total])
                {
                    for (int i = cameras.Count; i < int.Parse(total); i++)
                    {
                        var decoder = new DecoderOptions(clip) { Realtime = true, Loop = true, Threads = 1, Decode = everything ? DecodeMode.All : DecodeMode.Auto };
                        var settings = new CameraSettings(topology, $"d{i}", decoder, slots) { FollowReaderRates = !everything };
                        cameras.Add(system.ActorOf(CameraActor.Props(settings), ActorPaths.CameraName($"d{i}")));
                    }
                    // Fewer than before (a search stepping back): the last ones stop and free their names and rings.
                    while (cameras.Count > int.Parse(total))
                    {
                        cameras[^1].GracefulStop(TimeSpan.FromSeconds(20)).Wait();
                        cameras.RemoveAt(cameras.Count - 1);
                    }
                    Console.WriteLine($"ADDED {cameras.Count}");
                }
                else if (words is ["measure", var secondsText, var ports, var pids, .. var warmup])
                {
                    JsonObject result;
                    try
                    {
                        result = Measure(system, cameras, int.Parse(secondsText), ports.Split(','), pids.Split(',').Select(int.Parse).ToArray(),
                            warmup is [var w] ? int.Parse(w) : DecodeStep.DefaultWarmupSeconds);
                    }
                    catch (Exception e) when (e is AskTimeoutException or TimeoutException or InvalidOperationException)
                    {
                        result = new JsonObject { ["overloaded"] = e.Message };
                    }
                    Console.WriteLine("RESULT " + result.ToJsonString());
                }
                else if (words is ["quit"])
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var c in cameras) c.Tell(PoisonPill.Instance);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < deadline && Directory.GetFiles("/dev/shm", $"valkka.{topology}.*").Length > 0) Thread.Sleep(50);
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
        return 0;
    }

    private static JsonObject Measure(ActorSystem system, List<IActorRef> cameras, int seconds, string[] ports, int[] pids, int warmupSeconds)
    {
        var clientRefs = ports.Select((p, i) => BenchAkka.Resolve(system, int.Parse(p), ActorPaths.ClientName($"d{i}"))).ToArray();
        // Warm-up: every camera streaming and every client attached, then a few seconds more.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (CameraStats(cameras).Any(s => s.Decoded == 0) || ClientStats(clientRefs).Any(s => s.Analyzed == 0))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("cameras or clients did not start streaming within 60 s");
            Thread.Sleep(200);
        }
        WaitUntilNoCameraCatchesUp(cameras, TimeSpan.FromSeconds(60 + cameras.Count / 2));
        Thread.Sleep(TimeSpan.FromSeconds(warmupSeconds));

        // Counters are read all at once and CPU is read around the reads, so the windows match: read one after
        // another, 167 cameras' and clients' stats took ~5 s each way under load, every count covered ~16 s
        // while the step divided by its 6 s (clients "got" 2.9x their rate, CPU per frame a third of the truth).
        pids = pids.Distinct().ToArray(); // one client node may run every client
        var cpu0 = CpuClock.Process();
        var machine0 = MachineCpu.Now();
        var ccpu0 = pids.Sum(p => CpuClock.OfProcess(p)?.TotalSeconds ?? 0);
        long t0 = Stopwatch.GetTimestamp();
        var (cam0, cli0) = AllStats(cameras, clientRefs);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        var (cam1, cli1) = AllStats(cameras, clientRefs);
        double elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var cpu = (CpuClock.Process() - cpu0).TotalSeconds;
        var machineBusy = MachineCpu.Now().BusyShareSince(machine0);
        var ccpu = pids.Sum(p => CpuClock.OfProcess(p)?.TotalSeconds ?? 0) - ccpu0;
        // Each client's own window (when it read its counters), for what its rate asks of it.
        double clientSeconds = cli1.Zip(cli0, (a, b) => (a.AtUnixMs - b.AtUnixMs) / 1000.0).Sum();
        return new JsonObject
        {
            ["seconds"] = elapsed, ["client_seconds"] = clientSeconds,
            ["decoded"] = cam1.Sum(s => s.Decoded) - cam0.Sum(s => s.Decoded),
            ["ring_dropped"] = cam1.Sum(s => s.Dropped) - cam0.Sum(s => s.Dropped),
            ["camera_lost"] = cam1.Sum(s => s.Lost) - cam0.Sum(s => s.Lost),
            ["skipped_for_rate"] = cam1.Sum(s => s.SkippedForRate) - cam0.Sum(s => s.SkippedForRate) + cli1.Sum(s => s.SkippedForRate) - cli0.Sum(s => s.SkippedForRate),
            ["client_skipped"] = cli1.Sum(s => s.Skipped) - cli0.Sum(s => s.Skipped),
            ["client_stale"] = cli1.Sum(s => s.Stale) - cli0.Sum(s => s.Stale),
            ["analyzed"] = cli1.Sum(s => s.Analyzed) - cli0.Sum(s => s.Analyzed),
            ["camera_cpu_s"] = cpu, ["clients_cpu_s"] = ccpu,
            ["machine_busy"] = machineBusy,
            ["fds"] = Directory.GetFiles("/proc/self/fd").Length, ["threads"] = Process.GetCurrentProcess().Threads.Count,
        };
    }

    /// <summary>
    /// Cameras that fell behind real time while a step started many of them (threads, JIT, new clients) play
    /// what they are behind as fast as they can, up to a second of it: a step measured then counts a catch-up
    /// (clients got 2.6x their rate at 150 cameras), not a steady state. Waits until, over 2 s, no camera read
    /// more than 10 % above the clip's rate. Cameras that cannot keep up read slower: that is the step's to show.
    /// </summary>
    private static void WaitUntilNoCameraCatchesUp(List<IActorRef> cameras, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var before = CameraStats(cameras);
        long t0 = Stopwatch.GetTimestamp();
        while (true)
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            var now = CameraStats(cameras);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            t0 = Stopwatch.GetTimestamp();
            var fast = now.Zip(before, (a, b) => (a.Read - b.Read) / seconds).Count(fps => fps > BenchClip.Fps * 1.1);
            if (fast == 0) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{fast} of {cameras.Count} cameras still caught up on real time (read over {BenchClip.Fps * 1.1:0.#} fps) {limit.TotalSeconds:0} s after they streamed");
            before = now;
        }
    }

    private static (List<CameraStats> Cameras, List<ClientStats> Clients) AllStats(List<IActorRef> cameras, IActorRef[] clients)
    {
        var timeout = TimeSpan.FromSeconds(30);
        var cameraAsks = cameras.Select(c => c.Ask<CameraStats>(GetStats.Instance, timeout)).ToArray();
        var clientAsks = clients.Select(c => c.Ask<ClientStats>(GetStats.Instance, timeout)).ToArray();
        Task.WhenAll([.. cameraAsks, .. clientAsks]).GetAwaiter().GetResult();   // throws the first failure itself (an AskTimeoutException)
        return (cameraAsks.Select(t => t.Result).ToList(), clientAsks.Select(t => t.Result).ToList());
    }

    private static List<CameraStats> CameraStats(List<IActorRef> cameras) => AllStats(cameras, []).Cameras;

    private static List<ClientStats> ClientStats(IActorRef[] clients) => AllStats([], clients).Clients;
}
