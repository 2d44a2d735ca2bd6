using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// <c>valkka bench python</c>: 1080p frames written flat out into a ring (the transport bench's doorbell
/// camera) to a real client in another process whose analyzer touches one pixel, in C# and in Python (a
/// worker process reading numpy views of the slots), alternating in every repetition. Frames/s of each,
/// their ratio, the receiving processes' CPU per frame, and the client's analyzer call as the client
/// times it: for Python the framework's whole per-frame cost on that side (hand-off to the worker, view,
/// the one-pixel analyzer, result back).
/// </summary>
public static class PythonClientBenchmark
{
    public sealed record Options(int Runs, int Frames, int Warmup, int Slots, int Window, int Width, int Height, string Python);

    private sealed record Run(TransportRun Transport, double CallP50Us, double CallP99Us, double WorkerCpuMsPerFrame)
    {
        /// <summary>The client process and its Python worker together.</summary>
        public double ClientCpuMsPerFrame => Transport.ReceiverCpuMsPerFrame + WorkerCpuMsPerFrame;
    }

    public static BenchReport Measure(Options o, TextWriter log)
    {
        var runs = new Dictionary<string, List<Run>> { ["csharp"] = [], ["python"] = [] };
        for (int rep = 1; rep <= o.Runs; rep++)
        {
            // Alternate which goes first, so neither always meets the machine's state after the other.
            var order = rep % 2 == 1 ? new[] { "csharp", "python" } : ["python", "csharp"];
            foreach (var analyzer in order)
            {
                var run = Once(o, analyzer);
                runs[analyzer].Add(run);
                log.WriteLine($"run {rep} {analyzer}: {run.Transport.FramesPerSecond:0} frames/s, analyzer call p50 {run.CallP50Us:0.0} us, p99 {run.CallP99Us:0.0} us, " +
                              $"client CPU {run.ClientCpuMsPerFrame:0.000} ms/frame (worker {run.WorkerCpuMsPerFrame:0.000}), skipped {run.Transport.Skipped}");
            }
        }

        var report = new BenchReport("python");
        report.Results["frame"] = new JsonObject { ["width"] = o.Width, ["height"] = o.Height, ["format"] = "rgb24" };
        report.Results["runs"] = o.Runs;
        report.Results["frames_per_run"] = o.Frames;
        foreach (var (name, list) in runs)
            report.Results[name] = new JsonObject
            {
                ["frames_per_s"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.Transport.FramesPerSecond))),
                ["client_cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.ClientCpuMsPerFrame))),
                ["worker_cpu_ms_per_frame"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.WorkerCpuMsPerFrame))),
                ["analyzer_call_p50_us"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.CallP50Us))),
                ["analyzer_call_p99_us"] = BenchReport.ToJson(Measurement.Of(list.Select(r => r.CallP99Us))),
                ["skipped_per_run"] = BenchReport.ToJson(Measurement.Of(list.Select(r => (double)r.Transport.Skipped))),
            };
        report.SetRatio("python_vs_csharp_frames_per_s", Measurement.Of(runs["python"].Zip(runs["csharp"],
            (p, c) => c.Transport.FramesPerSecond > 0 ? p.Transport.FramesPerSecond / c.Transport.FramesPerSecond : 0)));
        report.SetRatio("python_call_p50_us_goal_50", Measurement.Of(runs["python"].Select(r => r.CallP50Us / 50)));
        return report;
    }

    private static Run Once(Options o, string analyzer)
    {
        string timings = "";
        var transport = FrameworkTransport.Run("doorbell", o.Frames, o.Warmup, o.Window, o.Slots, o.Width, o.Height,
            TouchClientPeer.Role, [("analyzer", analyzer), ("python", o.Python), ("mark", o.Warmup)], client =>
            {
                client.Send($"timings {o.Frames}");
                timings = client.WaitFor("TIMINGS", TimeSpan.FromSeconds(30));
            });
        var parts = timings.Split(' ');
        double Part(int i) => double.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        return new Run(transport, Part(0), Part(1), Part(3));
    }
}
