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
/// <c>valkka bench batching</c>: main3's master with the sample heavy analyzer
/// (Valkka.Samples.HeavyBatchAnalyzer), fed by N cameras whose clients forward every frame, once with
/// batches of at most 1 and once of at most 8, alternating in every repetition. Reports the master's
/// frames/s and each request's time from the client's forward to the master's result.
/// Processes: a front node (real CameraActors on pattern:// sources and real ClientActors) and a
/// master node.
/// </summary>
public static class BatchingBenchmark
{
    public const string MasterRole = "batching-master";
    public const string FrontRole = "batching-front";
    public const string HeavyAnalyzer = "Valkka.Samples.HeavyBatchAnalyzer, Valkka.Samples";
    private const string MasterId = "heavy";

    public sealed record Outcome(double FramesPerSecond, LatencySummary Latency, double MeanBatch, double CpuMsPerFrame, long Stale, long Skipped);

    public static BenchReport Run(BatchingOptions o, TextWriter log)
    {
        var runs = new Dictionary<int, List<Outcome>> { [1] = [], [8] = [] };
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            foreach (int batch in new[] { 1, 8 })
            {
                var r = RunOnce(o, batch);
                log.WriteLine($"run {rep} batch {batch}: {r.FramesPerSecond:F1} frames/s, mean batch {r.MeanBatch:F2}, " +
                              $"request p50 {r.Latency.P50 / 1000:F2} ms p99 {r.Latency.P99 / 1000:F2} ms, {r.CpuMsPerFrame:F3} master CPU ms/frame");
                runs[batch].Add(r);
            }
        }
        var report = new BenchReport("batching");
        var res = report.Results;
        res["runs"] = o.Runs;
        res["cameras"] = o.Cameras;
        res["fps_per_camera"] = o.Fps;
        res["analyzer"] = HeavyAnalyzer;
        foreach (var (batch, list) in runs)
        {
            res[$"batch{batch}"] = new JsonObject
            {
                ["max_batch_size"] = batch,
                ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.FramesPerSecond))),
                ["mean_batch_size"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.MeanBatch))),
                ["request_p50_ms"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.Latency.P50 / 1000))),
                ["request_p99_ms"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.Latency.P99 / 1000))),
                ["master_cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.CpuMsPerFrame))),
                ["master_stale_total"] = list.Sum(r => r.Stale),
                ["master_skipped_total"] = list.Sum(r => r.Skipped),
            };
        }
        report.SetRatio("batch8_vs_batch1", Measurement.Of(runs[8].Zip(runs[1], (b8, b1) => b1.FramesPerSecond > 0 ? b8.FramesPerSecond / b1.FramesPerSecond : 0)));
        report.SetRatio("batch8_vs_batch1_request_p50", Measurement.Of(runs[8].Zip(runs[1], (b8, b1) => b1.Latency.P50 > 0 ? b8.Latency.P50 / b1.Latency.P50 : 0)));
        return report;
    }

    private static Outcome RunOnce(BatchingOptions o, int batch)
    {
        using var master = PeerProcess.Start(MasterRole, ("batch", batch), ("max_wait_ms", o.MaxWaitMs));
        var ready = master.WaitFor("READY", TimeSpan.FromSeconds(60)).Split(' ');
        using var front = PeerProcess.Start(FrontRole, ("master_port", ready[0]), ("master_pid", ready[1]), ("cameras", o.Cameras),
            ("fps", o.Fps), ("seconds", o.Seconds), ("width", o.Width), ("height", o.Height));
        var r = front.WaitForResult(TimeSpan.FromSeconds(120 + o.Seconds));
        front.WaitForExitOrThrow(TimeSpan.FromSeconds(60)); // cameras stop and unlink their rings
        var latency = new LatencySummary((int)r["count"]!, (double)r["p50_us"]!, (double)r["p90_us"]!, (double)r["p99_us"]!, (double)r["max_us"]!);
        double frames = (double)r["frames"]!;
        return new Outcome(frames / (double)r["seconds"]!, latency, (double)r["mean_batch"]!,
            frames > 0 ? (double)r["master_cpu_s"]! * 1000 / frames : 0, (long)r["master_stale"]!, (long)r["master_skipped"]!);
    }

    public static int RunMaster(PeerArgs args)
    {
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var settings = new MasterSettings(MasterId, HeavyAnalyzer, Akka.Configuration.Config.Empty, args.Int("batch"),
            TimeSpan.FromMilliseconds(args.Int("max_wait_ms")));
        system.ActorOf(MasterActor.Props(settings), ActorPaths.MasterName(MasterId));
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)} {Environment.ProcessId}");
        system.WhenTerminated.Wait(); // killed by the bench
        return 0;
    }

    public static int RunFront(PeerArgs args)
    {
        int n = args.Int("cameras"), seconds = args.Int("seconds"), masterPid = args.Int("master_pid");
        string topology = BenchNames.NewTopology();
        var samples = new LatencySamples();
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var masterPath = $"akka.tcp://{FrameWire.SystemName}@127.0.0.1:{args.Int("master_port")}/user/{ActorPaths.MasterName(MasterId)}";
        var cameras = new List<IActorRef>();
        var clients = new List<IActorRef>();
        try
        {
            string url = $"pattern://?size={args.Int("width")}x{args.Int("height")}&fps={args.Int("fps")}";
            for (int i = 0; i < n; i++)
            {
                cameras.Add(system.ActorOf(CameraActor.Props(new CameraSettings(topology, $"b{i}", new DecoderOptions(url), 4)), ActorPaths.CameraName($"b{i}")));
                var settings = new ClientSettings(topology, $"b{i}", [new CameraAddress($"b{i}", $"/user/{ActorPaths.CameraName($"b{i}")}")],
                    "", Akka.Configuration.Config.Empty, masterPath, 2);
                clients.Add(system.ActorOf(ClientActor.Props(settings, () => new ForwardAllAnalyzer(samples)), ActorPaths.ClientName($"b{i}")));
            }
            var master = system.ActorSelection(masterPath).ResolveOne(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            MasterStats Stats() => master.Ask<MasterStats>(GetStats.Instance, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Stats().Results < n)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the master gave no results within 60 s");
                Thread.Sleep(100);
            }
            Thread.Sleep(TimeSpan.FromSeconds(2)); // warm-up

            MasterDetails Details() => master.Ask<MasterDetails>(new GetMasterDetails(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var d0 = Details();
            var s0 = Stats();
            var mcpu0 = CpuClock.OfProcess(masterPid) ?? TimeSpan.Zero;
            samples.Start();
            long t0 = Stopwatch.GetTimestamp();
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            double elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var us = samples.Stop();
            var s1 = Stats();
            var d1 = Details();
            var mcpu = (CpuClock.OfProcess(masterPid) ?? TimeSpan.Zero) - mcpu0;
            var lat = us.Length > 0 ? Percentiles.Summarize(us) : new LatencySummary(0, 0, 0, 0, 0);
            long batches = s1.Batches - s0.Batches, frames = s1.Frames - s0.Frames;
            Console.WriteLine("RESULT " + new JsonObject
            {
                ["seconds"] = elapsed, ["frames"] = frames, ["batches"] = batches, ["mean_batch"] = batches > 0 ? (double)frames / batches : 0,
                ["count"] = lat.Count, ["p50_us"] = lat.P50, ["p90_us"] = lat.P90, ["p99_us"] = lat.P99, ["max_us"] = lat.Max,
                ["master_cpu_s"] = mcpu.TotalSeconds, ["master_stale"] = d1.Stale - d0.Stale, ["master_skipped"] = d1.Skipped - d0.Skipped,
                ["max_batch_seen"] = d1.MaxBatchSeen,
            }.ToJsonString());
        }
        finally
        {
            // Clients too: their queues to the master are files of the topology as well.
            foreach (var actor in clients.Concat(cameras)) actor.Tell(PoisonPill.Instance);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < deadline && Directory.GetFiles("/dev/shm", $"valkka.{topology}.*").Length > 0) Thread.Sleep(50);
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
        return 0;
    }
}
