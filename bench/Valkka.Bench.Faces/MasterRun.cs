using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Cameras;
using Valkka.Actors.Clients;
using Valkka.Actors.Masters;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Media.Decoding;
using Valkka.Samples.Faces;

namespace Valkka.Bench.Faces;

public sealed record MasterFigures(int Cameras, string Mode, int MaxBatch, int OfferedFps, double FramesPerSecond,
    double NetMsPerFrame, double AnalyzerCpuMsPerFrame, double MasterCpuMsPerFrame, double MasterCpuMsPerFrameAboveIdle,
    double IdleCpuMsPerSecond, double MeanBatch, double LatencyP50, double LatencyP99, long Wrong,
    double ConnectedIdleCpuMsPerSecond, double MasterCpuMsPerFrameAboveConnectedIdle);

/// <summary>
/// One configuration through real actors: this process holds pattern:// camera actors and
/// TensorFeed client actors; the master runs in a child process (MasterNode), reached over
/// Akka.Remote on loopback, so its CPU time is its own.
/// </summary>
public static class MasterRun
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(10);

    /// <summary>
    /// "full": the master node runs with DOTNET_TieredCompilation=0, so its code is compiled once,
    /// fully, at first use, as in a node that has run for a while; "tiered": the .NET default, whose
    /// tier-up compilation keeps a new process's JIT thread busy for many seconds (measured: more
    /// CPU than the framework itself at 25 fps), inside a few-second measurement.
    /// </summary>
    public static string MasterJit { get; set; } = "full";

    /// <summary>
    /// The clients' ClientSettings.Notify: Doorbell (the default) also opens the same-host channel to
    /// the master (requests and results through shared-memory queues); Remote keeps every request and
    /// result an Akka.Remote message (the framework before the channel).
    /// </summary>
    public static FrameNotify ClientNotify { get; set; } = FrameNotify.Doorbell;

    /// <summary>
    /// As <see cref="MeasureOnce"/>, with one more attempt (a new master process) when the master
    /// cannot be resolved: seen a few times in ~100 runs right after the child said it was ready,
    /// cause not found yet; the failed attempt is reported on stderr.
    /// </summary>
    public static async Task<MasterFigures> Measure(TensorSet tensors, int cameras, string mode, int maxBatch,
        int fpsPerCamera, TimeSpan warmUp, TimeSpan duration)
    {
        try
        {
            return await MeasureOnce(tensors, cameras, mode, maxBatch, fpsPerCamera, warmUp, duration);
        }
        catch (ActorNotFoundException e)
        {
            Console.Error.WriteLine($"master node not found ({e.InnerException?.Message ?? e.Message}); trying once more with a new one");
            return await MeasureOnce(tensors, cameras, mode, maxBatch, fpsPerCamera, warmUp, duration);
        }
    }

    private static async Task<MasterFigures> MeasureOnce(TensorSet tensors, int cameras, string mode, int maxBatch,
        int fpsPerCamera, TimeSpan warmUp, TimeSpan duration)
    {
        var topology = "bench" + Guid.NewGuid().ToString("N")[..8];
        Interlocked.Exchange(ref TensorFeedAnalyzer.WrongAnswers, 0);
        var port = FreePort();
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (MasterJit == "full") psi.Environment["DOTNET_TieredCompilation"] = "0";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(typeof(MasterRun).Assembly.Location);
        foreach (var a in new[] { "--master-node", port.ToString(CultureInfo.InvariantCulture), mode, maxBatch.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the master node");
        var nodeA = ValkkaNode.Start(ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(NodeConfig.TolerantFailureDetector).WithFallback(NodeConfig.Create("127.0.0.1", 0, [typeof(FaceDetectionResult).Assembly])));
        try
        {
            ReadBenchLine(child);
            await Task.Delay(TimeSpan.FromSeconds(3));   // start-up JIT settles
            var (_, _, idleStart) = ChildStats(child);
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (_, _, idleEnd) = ChildStats(child);
            var idleCpuPerSecond = (idleEnd - idleStart) / idleWatch.Elapsed.TotalSeconds;
            var masterPath = $"akka.tcp://{NodeConfig.SystemName}@127.0.0.1:{port}/user/{ActorPaths.MasterName("faces")}";
            var master = await nodeA.ActorSelection(masterPath).ResolveOne(Ask);
            var camActors = new List<IActorRef>();
            for (var c = 0; c < cameras; c++)
            {
                var id = "cam" + c;
                var camera = nodeA.ActorOf(CameraActor.Props(new CameraSettings(topology, id,
                    new DecoderOptions($"pattern://?size=64x48&fps={fpsPerCamera}"), RingSlots: 4)), ActorPaths.CameraName(id));
                camActors.Add(camera);
                var start = c;
                nodeA.ActorOf(ClientActor.Props(new ClientSettings(topology, "client" + c, [new CameraAddress(id, camera.Path.ToString())],
                    "", Config.Empty, masterPath) { DerivedRingSlots = Math.Max(4, maxBatch + 2), Notify = ClientNotify },
                    () => new TensorFeedAnalyzer(tensors, start)), ActorPaths.ClientName("client" + c));
            }

            await Task.Delay(warmUp);
            var before = await master.Ask<MasterDetails>(new GetMasterDetails(), Ask);
            var (net0, analyzer0, cpu0) = ChildStats(child);
            while (TensorFeedAnalyzer.LatenciesMs.TryDequeue(out _)) { }
            TensorFeedAnalyzer.Recording = true;
            var clock = Stopwatch.StartNew();
            await Task.Delay(duration);
            TensorFeedAnalyzer.Recording = false;
            var after = await master.Ask<MasterDetails>(new GetMasterDetails(), Ask);
            var (net1, analyzer1, cpu1) = ChildStats(child);
            var elapsed = clock.Elapsed.TotalSeconds;

            var frames = Math.Max(1, after.Frames - before.Frames);
            var batches = after.Batches - before.Batches;
            var latencies = TensorFeedAnalyzer.LatenciesMs.ToArray();
            Array.Sort(latencies);
            foreach (var camera in camActors) await camera.Ask<DecodingStopped>(new StopDecoding(), Ask);
            // The master's CPU with every client still connected and watched but no frames: heartbeats,
            // failure detection and timers, which a node pays per second whatever its frame rate.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var (_, _, connected0) = ChildStats(child);
            var connectedWatch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (_, _, connected1) = ChildStats(child);
            var connectedIdle = (connected1 - connected0) / connectedWatch.Elapsed.TotalSeconds;
            return new MasterFigures(cameras, mode, maxBatch, fpsPerCamera * cameras, (after.Frames - before.Frames) / elapsed,
                (net1 - net0) / frames, (analyzer1 - analyzer0) / frames, (cpu1 - cpu0) / frames,
                (cpu1 - cpu0 - idleCpuPerSecond * elapsed) / frames, idleCpuPerSecond, batches == 0 ? 0 : (double)frames / batches,
                Percentile(latencies, 0.5), Percentile(latencies, 0.99), Interlocked.Read(ref TensorFeedAnalyzer.WrongAnswers),
                connectedIdle, (cpu1 - cpu0 - connectedIdle * elapsed) / frames);
        }
        finally
        {
            await nodeA.Terminate();
            try
            {
                child.StandardInput.WriteLine("quit");
                if (!child.WaitForExit(TimeSpan.FromSeconds(10))) child.Kill();
            }
            catch (InvalidOperationException) { }
            foreach (var ring in Directory.EnumerateFiles("/dev/shm", $"valkka.{topology}.*")) File.Delete(ring);
        }
    }

    private static (double NetMs, double AnalyzerCpuMs, double CpuMs) ChildStats(Process child)
    {
        child.StandardInput.WriteLine("stats");
        var parts = ReadBenchLine(child).Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    // The child's stdout also carries Akka's log lines: the answers start with "bench: ".
    private static string ReadBenchLine(Process child)
    {
        while (true)
        {
            var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("master node went away");
            if (line.StartsWith("bench: ", StringComparison.Ordinal)) return line["bench: ".Length..];
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
