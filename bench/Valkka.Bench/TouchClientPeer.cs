using System.Diagnostics.Metrics;
using Akka.Actor;
using Valkka.Actors.Clients;
using Valkka.Actors.Messages;
using Valkka.Actors.Metrics;
using Valkka.Actors.Topology;

namespace Valkka.Bench;

/// <summary>
/// valkka bench python's client process: a real <see cref="ClientActor"/> whose analyzer touches one pixel,
/// in C# (<see cref="TouchAnalyzer"/>) or in Python (bench/python/touch.py in the client's worker process).
/// The client's own histogram of analyzer calls (valkka.client.analyze.duration) is read in-process; on
/// "timings N" it prints the median and p99 of the last N calls, in microseconds: for Python, the whole
/// hand-off (frame record to the worker, numpy view, result back) with a one-pixel analyzer; and the CPU
/// the client's worker processes spent per call since the <c>mark</c>-th call (the camera measures only
/// this process).
/// </summary>
public static class TouchClientPeer
{
    public const string Role = "touch-client";
    public const string ClientId = "bench";
    private const string CameraId = "cam";

    public static int Run(PeerArgs args)
    {
        var durations = new double[1 << 17];
        long count = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ValkkaInstruments.MeterName && instrument.Name == "valkka.client.analyze.duration") l.EnableMeasurementEvents(instrument);
        };
        long mark = args.Int("mark");
        TimeSpan workerCpuAtMark = default;
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            long n = Interlocked.Increment(ref count);
            durations[(n - 1) & (durations.Length - 1)] = seconds;
            if (n == mark) workerCpuAtMark = WorkerCpu();
        });
        listener.Start();
        using var meter = new Meter(ValkkaInstruments.MeterName);
        var instruments = new ValkkaInstruments(meter);

        bool python = args.String("analyzer") == "python";
        var readyFile = Path.Combine(Path.GetTempPath(), $"valkka-bench-touch-{Environment.ProcessId}");
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var settings = new ClientSettings("bench", ClientId,
            [new CameraAddress(CameraId, FrameWire.CameraPath(args.Int("camera_port"), CameraId))],
            "", Akka.Configuration.ConfigurationFactory.ParseString($"ready-file = \"{readyFile}\""), null, args.Int("credit"))
        {
            Notify = FrameNotify.Doorbell,
            Instruments = instruments.ForClient("bench", ClientId),
            PythonAnalyzer = python
                ? new PythonAnalyzerDefinition("touch:Touch", Path.GetDirectoryName(PythonShmBaseline.FindScript())!, args.String("python"))
                : null,
        };
        system.ActorOf(python ? ClientActor.Props(settings) : ClientActor.Props(settings, () => new TouchAnalyzer()), ActorPaths.ClientName(ClientId));
        if (python) WaitForWorker(readyFile);
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)} {Environment.ProcessId}");
        while (Console.ReadLine() is { } line)
        {
            if (!line.StartsWith("timings ", StringComparison.Ordinal)) continue;
            long n = Math.Min(Math.Min(long.Parse(line[8..]), Interlocked.Read(ref count)), durations.Length);
            long end = Interlocked.Read(ref count);
            var last = new double[n];
            for (long i = 0; i < n; i++) last[i] = durations[(end - n + i) & (durations.Length - 1)] * 1e6;
            Array.Sort(last);
            double workerMs = end > mark ? (WorkerCpu() - workerCpuAtMark).TotalMilliseconds / (end - mark) : 0;
            Console.WriteLine($"TIMINGS {Percentiles.Of(last, 50):0.00} {Percentiles.Of(last, 99):0.00} {n} {workerMs:0.0000}");
        }
        File.Delete(readyFile);
        return 0;
    }

    /// <summary>CPU time of this process's children (the Python worker; none for the C# analyzer).</summary>
    private static TimeSpan WorkerCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            foreach (var pid in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                total += CpuClock.OfProcess(int.Parse(pid)) ?? TimeSpan.Zero;
        return total;
    }

    /// <summary>touch.py writes the file when its worker made it: the worker is then ready for the first frame.</summary>
    private static void WaitForWorker(string readyFile)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(readyFile))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the Python worker did not start within 60 s");
            Thread.Sleep(20);
        }
    }
}
