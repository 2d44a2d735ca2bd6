using System.Globalization;
using Akka.Configuration;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;
using Valkka.Bench.Faces;
using Valkka.Samples.Faces;
using Valkka.Shm;

// Face detection master benchmark. For 1, 4 and 8 cameras and batch 1 / batch 8 (back-to-back runs
// or the dynamic-batch graph): frames/s through the net and forward-to-answer latency through real
// camera, client and master actors (two ActorSystems over Akka.Remote on loopback), next to ONNX
// Runtime alone on the same tensors in the same run.
//   dotnet run -c Release --project bench/Valkka.Bench.Faces -- [--seconds 8] [--cameras 1,4,8] [--images a.png,b.png]
//       [--warmup 2] [--master-jit full|tiered] [--loads saturated,25fps]
//   ... -- --sessions [N]: N BlazeFace sessions made, run and disposed, each on a new thread (a restarted master), RSS every 20
//   ... -- --shapes [ROUNDS]: the dynamic-batch net's RSS growth over varying batch sizes, ONNX Runtime's memory
//       pattern on vs off (ShapeMemory)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 4 && args[0] == "--master-node")
    return await MasterNode.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
if (args.Length == 2 && args[0] == ShapeMemory.ChildFlag)
    return ShapeMemory.Child(args[1] == "on");
if (args is ["--sessions", ..])
    return SessionChurn.Run(rounds: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200, every: 20);
if (args is ["--shapes", ..])
    return ShapeMemory.Compare(rounds: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
var seconds = 8.0;
var warmUp = TimeSpan.FromSeconds(2);
var loads = new[] { "saturated", "25fps" };
FrameNotify[] notifies = [FrameNotify.Doorbell];
var cameraCounts = new[] { 1, 4, 8 };
var cache = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "valkka", "testdata");
var images = new[] { Path.Combine(cache, "astronaut.png"), Path.Combine(cache, "chelsea.png") };
for (var i = 0; i < args.Length; i += 2)
{
    if (args[i] is "--alone" or "--null") { i--; continue; }
    if (i + 1 >= args.Length) { Console.Error.WriteLine($"option {args[i]} needs a value"); return 2; }
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--cameras": cameraCounts = args[i + 1].Split(',').Select(int.Parse).ToArray(); break;
        case "--images": images = args[i + 1].Split(','); break;
        case "--loads": loads = args[i + 1].Split(','); break;
        case "--notify": notifies = args[i + 1] switch
        {
            "doorbell" => [FrameNotify.Doorbell],
            "remote" => [FrameNotify.Remote],
            "both" => [FrameNotify.Doorbell, FrameNotify.Remote],
            var other => throw new ArgumentException($"--notify takes doorbell, remote or both, not {other}"),
        }; break;
        case "--warmup": warmUp = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
        case "--master-jit" when args[i + 1] is "full" or "tiered": MasterRun.MasterJit = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var model = BlazeFaceModel.Locate();
using var tensors = new TensorSet(images, 128, 16);

// Reference answers: the analyzer run directly on each tensor frame.
using (var reference = new FaceDetectionBatchAnalyzer())
{
    var expected = new int[tensors.Count];
    for (var i = 0; i < tensors.Count; i++)
    {
        unsafe
        {
            var info = FaceTensorFrame.Info(128, 0);
            var frame = new BatchFrame("ref", i, info, tensors.FramePointer(i));
            expected[i] = ((FaceDetectionResult)reference.AnalyzeBatch(frame)[0]!).Count;
        }
    }
    TensorFeedAnalyzer.ExpectedFaces = expected;
    Console.WriteLine($"tensors: {tensors.Count} from {string.Join(", ", images.Select(Path.GetFileName))}; faces per tensor {string.Join("", expected)}");
}

var duration = TimeSpan.FromSeconds(seconds);
if (args.Contains("--alone"))
{
    // ONNX Runtime alone, batch 1 (shipped graph) and batch 8 (dynamic graph), interleaved 1 s rounds; medians.
    var one = new List<AloneFigures>();
    var eight = new List<AloneFigures>();
    for (var round = 0; round < 10; round++)
    {
        one.Add(OnnxAlone.Measure(model, tensors, 1, TimeSpan.FromSeconds(1)));
        eight.Add(OnnxAlone.Measure(model, tensors, 8, TimeSpan.FromSeconds(1)));
    }
    double Median(IEnumerable<double> v) => v.OrderBy(x => x).ElementAt(5);
    Console.WriteLine("| ONNX Runtime alone (10 interleaved 1 s rounds, medians) | wall ms/frame | frames/s | CPU ms/frame |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, list) in new[] { ("batch 1, shipped graph, back to back", one), ("batch 8, dynamic-batch graph", eight) })
        Console.WriteLine($"| {name} | {Median(list.Select(a => a.WallMsPerFrame)):0.000} | {1000 / Median(list.Select(a => a.WallMsPerFrame)):0} | {Median(list.Select(a => a.CpuMsPerFrame)):0.000} |");
    return 0;
}
if (args.Contains("--null"))
{
    // The framework alone: the same actors and traffic, a master analyzer that does nothing.
    Console.WriteLine("| null master | load | cameras | batch | master frames/s | mean batch | master process CPU ms/frame above idle | above connected idle | all | idle CPU ms/s | connected idle CPU ms/s |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var (load, fpsOf) in new (string, Func<int, int>)[] { ("saturated", n => 1000 / n), ("25 fps/camera", _ => 25) })
    {
        if (!loads.Contains(load == "saturated" ? "saturated" : "25fps")) continue;
        foreach (var cams in cameraCounts)
        foreach (var batch in new[] { 1, 8 })
        {
            var m = await MasterRun.Measure(tensors, cams, "null", batch, fpsOf(cams), warmUp, duration);
            Console.WriteLine($"| | {load} | {cams} | {batch} | {m.FramesPerSecond:0} | {m.MeanBatch:0.0} | {m.MasterCpuMsPerFrameAboveIdle:0.000} | {m.MasterCpuMsPerFrameAboveConnectedIdle:0.000} | {m.MasterCpuMsPerFrame:0.000} | {m.IdleCpuMsPerSecond:0} | {m.ConnectedIdleCpuMsPerSecond:0} |");
        }
    }
    return 0;
}
var aloneTime = TimeSpan.FromSeconds(Math.Max(2, seconds / 3));
var variants = new[] { ("sequential", 1), ("sequential", 8), ("dynamic", 8) };
var rows = new List<string>();
foreach (var (load, fpsOf) in new (string, Func<int, int>)[] { ("saturated", n => 1000 / n), ("25 fps/camera", _ => 25) })
{
    if (!loads.Contains(load == "saturated" ? "saturated" : "25fps")) continue;
    foreach (var cams in cameraCounts)
    {
        foreach (var (mode, batch) in variants)
        foreach (var notify in notifies)
        {
            MasterRun.ClientNotify = notify;
            var m = await MasterRun.Measure(tensors, cams, mode, batch, fpsOf(cams), warmUp, duration);
            var alone = OnnxAlone.Measure(model, tensors, mode == "dynamic" ? batch : 1, aloneTime);
            string Pct(double ms) => $"{(ms / alone.CpuMsPerFrame - 1) * 100:0}%";
            string Over(double ms) => $"{(ms / m.NetMsPerFrame - 1) * 100:0.0}%";
            var row = $"| {(notify == FrameNotify.Doorbell ? "queues" : "akka")} | {load} | {cams} | {(mode == "dynamic" ? "8, dynamic graph" : batch == 1 ? "1" : "8, back-to-back")} | {m.OfferedFps} | " +
                      $"{m.FramesPerSecond:0} | {m.MeanBatch:0.0} | {m.LatencyP50:0.0} / {m.LatencyP99:0.0} | " +
                      $"{1000 / alone.WallMsPerFrame:0} | {alone.CpuMsPerFrame:0.000} | {m.NetMsPerFrame:0.000} ({Pct(m.NetMsPerFrame)}) | " +
                      $"{m.AnalyzerCpuMsPerFrame:0.000} ({Over(m.AnalyzerCpuMsPerFrame)}) | {m.MasterCpuMsPerFrameAboveIdle:0.000} ({Over(m.MasterCpuMsPerFrameAboveIdle)}) | " +
                      $"{m.MasterCpuMsPerFrameAboveConnectedIdle:0.000} ({Over(m.MasterCpuMsPerFrameAboveConnectedIdle)}) | " +
                      $"{m.MasterCpuMsPerFrame:0.000} ({Over(m.MasterCpuMsPerFrame)}) | {m.IdleCpuMsPerSecond:0} | {m.ConnectedIdleCpuMsPerSecond:0} | {m.Wrong} |";
            Console.WriteLine(row);
            rows.Add(row);
        }
    }
}

Console.WriteLine();
Console.WriteLine("| requests and results | load | cameras | batch | offered frames/s | master frames/s | mean batch | latency p50 / p99 ms | ONNX alone frames/s | ONNX alone CPU ms/frame | net CPU ms/frame in master (vs alone) | analyzer CPU ms/frame (over net) | master process CPU ms/frame above idle (over net) | above connected idle (over net) | master process CPU ms/frame, all (over net) | master idle CPU ms/s | connected idle ms/s | wrong answers |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in rows) Console.WriteLine(r);
return 0;
