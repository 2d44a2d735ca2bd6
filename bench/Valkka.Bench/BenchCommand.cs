using System.CommandLine;

namespace Valkka.Bench;

/// <summary>
/// The valkka-bench program (<c>./valkka bench NAME [--json PATH]</c>): transport, latency, decode,
/// batching, cross-host, placement, failover. Each benchmark measures its baselines in the same run, repeats, and reports medians
/// with min and max. A hidden <c>_peer</c> child runs the far end of a benchmark in another process.
/// </summary>
public static class BenchCommand
{
    public const string PeerCommandName = "_peer";

    public static RootCommand Create() =>
        new("valkka-bench: measure the framework against its baselines (medians of repeated runs, with min and max)")
        {
            TransportCommand(), LatencyCommand(), DecodeCommand(), DecodeSweepCommand.Create(JsonOption(), Report), BatchingCommand(), CrossHostCommand(), ApplyCommand(), PythonCommand(), PlacementCommand(), FailoverCommand(), PeerCommand(),
        };

    private static Option<string?> JsonOption() => new("--json") { Description = "Write {\"benchmark\", \"results\", \"ratios\"} to this file." };
    private static Option<int> IntOption(string name, int fallback, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };

    private static Command TransportCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 5, "Repetitions (each runs all four variants side by side).");
        var frames = IntOption("--frames", 3000, "Frames measured per run (framework, Python, memcpy).");
        var akkaFrames = IntOption("--akka-frames", 100, "Frames measured per run for frames inside Akka messages.");
        var warmup = IntOption("--warmup", 50, "Frames sent before measuring.");
        var slots = IntOption("--slots", 8, "Ring slots.");
        var window = IntOption("--window", 4, "Frames in flight (credit).");
        var width = IntOption("--width", 1920, "Frame width.");
        var height = IntOption("--height", 1080, "Frame height.");
        var python = new Option<string>("--python") { Description = "Python interpreter for the baseline.", DefaultValueFactory = _ => PythonShmBaseline.DefaultPython };
        var script = new Option<string?>("--python-script") { Description = "Path of bench/python/shm_transport.py (found above the program by default)." };
        var variants = new Option<string?>("--variants")
        {
            Description = "Comma-separated variants to run (default all): framework, framework_akka, akka_bytes, python_shm, memcpy, raw_pair, csharp_reader, python_reader, framework_akka_pool, akka_bytes_pool.",
        };
        var cmd = new Command("transport", "1080p RGB24 frames to a reader in another process: framework vs Akka byte messages vs Python shared_memory vs memcpy vs the raw C pair; standalone C# and Python readers.")
        {
            json, runs, frames, akkaFrames, warmup, slots, window, width, height, python, script, variants,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => TransportBenchmark.Run(new TransportOptions
        {
            Runs = p.GetValue(runs), Frames = p.GetValue(frames), AkkaFrames = p.GetValue(akkaFrames), Warmup = p.GetValue(warmup),
            Slots = p.GetValue(slots), Window = p.GetValue(window), Width = p.GetValue(width), Height = p.GetValue(height),
            Python = p.GetValue(python)!, PythonScript = p.GetValue(script),
            Variants = p.GetValue(variants) is { } only ? only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null,
        }, Console.Out)));
        return cmd;
    }

    private static Command LatencyCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 5, "Repetitions.");
        var cameras = IntOption("--cameras", 16, "Cameras.");
        var fps = IntOption("--fps", 25, "Frames per second of each camera.");
        var seconds = IntOption("--seconds", 10, "Seconds measured per run.");
        var width = IntOption("--width", 1280, "Frame width.");
        var height = IntOption("--height", 720, "Frame height.");
        var wakeups = IntOption("--wakeups", 2000, "Wake-ups measured per run for the futex / semaphore limit.");
        var cmd = new Command("latency", "Camera commit to analyzer call in another process, next to the futex / POSIX semaphore wake-up limit.")
        {
            json, runs, cameras, fps, seconds, width, height, wakeups,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => LatencyBenchmark.Run(new LatencyOptions
        {
            Runs = p.GetValue(runs), Cameras = p.GetValue(cameras), Fps = p.GetValue(fps), Seconds = p.GetValue(seconds),
            Width = p.GetValue(width), Height = p.GetValue(height), Wakeups = p.GetValue(wakeups),
        }, Console.Out)));
        return cmd;
    }

    private static Command DecodeCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 3, "Repetitions of the ffmpeg baseline and of the CPU-per-frame measurement.");
        var start = IntOption("--start", 4, "Cameras in the first step.");
        var step = IntOption("--step", 4, "Cameras added at each step.");
        var max = IntOption("--max", 64, "Stop at this many cameras.");
        var seconds = IntOption("--seconds", 20, "Seconds measured at each step.");
        var clipSeconds = IntOption("--clip-seconds", 20, "Length of the generated 720p25 H.264 clip.");
        var clip = new Option<string?>("--clip") { Description = "An H.264 file to use instead of the generated 1280x720 25 fps clip." };
        var analyzer = new Option<string>("--analyzer")
        {
            Description = "Client analyzer: first-row (reads one row; default) or a type name such as \"Valkka.Samples.MotionDetectorAnalyzer, Valkka.Samples\".",
            DefaultValueFactory = _ => DecodeScaling.LightAnalyzer,
        };
        var watchPause = IntOption("--watch-pause-ms", 0, "Acceptable heartbeat pause of the nodes' failure detector (0: a valkka node's, 3 s).");
        var credit = IntOption("--credit", 4, "Clients' credit (frames announced before earlier ones are done), as the topology key credit.");
        var fps = new Option<string>("--fps") { Description = "Frames a second each client asks for: a number (1, 5, 25) or all.", DefaultValueFactory = _ => "all" };
        var shape = new Option<string>("--clip-shape") { Description = "Generated clip: gop25, gop50 (no B-frames) or gop50-bframes.", DefaultValueFactory = _ => "gop50-bframes" };
        var decoder = new Option<string>("--decoder") { Description = "rate (decodes what the rates need) or before (every frame decoded and converted).", DefaultValueFactory = _ => "rate" };
        var clientNodes = new Option<string>("--client-nodes") { Description = "per-camera (main2) or one (main1: one client node for every camera).", DefaultValueFactory = _ => "per-camera" };
        var cmd = new Command("decode", "N cameras of 720p25 H.264 in real time, clients asking for --fps: largest N with no frame lost, CPU per delivered frame vs ffmpeg.")
        {
            json, runs, start, step, max, seconds, clipSeconds, clip, analyzer, watchPause, credit, fps, shape, decoder, clientNodes,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => WithWatchPause(p.GetValue(watchPause), () => DecodeBenchmark.Run(new DecodeOptions
        {
            Runs = p.GetValue(runs), Start = p.GetValue(start), Step = p.GetValue(step), Max = p.GetValue(max),
            Seconds = p.GetValue(seconds), ClipSeconds = p.GetValue(clipSeconds), Clip = p.GetValue(clip), Analyzer = p.GetValue(analyzer)!,
            Credit = p.GetValue(credit),
            Fps = p.GetValue(fps) is "all" or null ? null : double.Parse(p.GetValue(fps)!, System.Globalization.CultureInfo.InvariantCulture),
            Shape = ClipShapes.Parse(p.GetValue(shape)!),
            DecodeEverything = p.GetValue(decoder) switch { "rate" => false, "before" => true, var d => throw new ArgumentException($"--decoder must be rate or before, got \"{d}\"") },
            OneClientNode = p.GetValue(clientNodes) switch { "per-camera" => false, "one" => true, var c => throw new ArgumentException($"--client-nodes must be per-camera or one, got \"{c}\"") },
        }, Console.Out))));
        return cmd;
    }

    private static Command BatchingCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 3, "Repetitions.");
        var cameras = IntOption("--cameras", 8, "Cameras (one client each) sharing the master.");
        var seconds = IntOption("--seconds", 10, "Seconds measured per run and batch size.");
        var fps = IntOption("--fps", 25, "Frames per second of each camera.");
        var width = IntOption("--width", 1280, "Frame width.");
        var height = IntOption("--height", 720, "Frame height.");
        var maxWait = IntOption("--max-wait-ms", 10, "The master's MaxWait for a batch to fill.");
        var watchPause = IntOption("--watch-pause-ms", 0, "Acceptable heartbeat pause of the nodes' failure detector (0: a valkka node's, 3 s).");
        var cmd = new Command("batching", "The main3 master with the sample heavy analyzer: batch size 1 vs 8, frames/s and latency per request.")
        {
            json, runs, cameras, seconds, fps, width, height, maxWait, watchPause,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => WithWatchPause(p.GetValue(watchPause), () => BatchingBenchmark.Run(new BatchingOptions
        {
            Runs = p.GetValue(runs), Cameras = p.GetValue(cameras), Seconds = p.GetValue(seconds), Fps = p.GetValue(fps),
            Width = p.GetValue(width), Height = p.GetValue(height), MaxWaitMs = p.GetValue(maxWait),
        }, Console.Out))));
        return cmd;
    }

    private static Command ApplyCommand()
    {
        var json = JsonOption();
        var cameras = IntOption("--cameras", 16, "Cameras of the running topology, each read by a client.");
        var adds = IntOption("--adds", 10, "Times a camera and its client are added and removed again.");
        var unchanged = IntOption("--unchanged", 20, "Applies of the unchanged file timed.");
        var cycles = IntOption("--cycles", 200, "Random adds, removes and changes applied one after the other.");
        var seed = IntOption("--seed", 1, "Seed of the random changes.");
        var warmup = IntOption("--warmup-seconds", 60, "Seconds the run goes on before the cycles (memory settles after the nodes' start).");
        var pause = IntOption("--cycle-pause-ms", 250, "Pause between two cycles.");
        var cmd = new Command("apply", "Live changes of a running topology: time to a new camera's first analyzed frame, an unchanged apply, random change cycles.")
        {
            json, cameras, adds, unchanged, cycles, seed, warmup, pause,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => ApplyBenchmark.Run(new ApplyOptions
        {
            Cameras = p.GetValue(cameras), Adds = p.GetValue(adds), Unchanged = p.GetValue(unchanged), Cycles = p.GetValue(cycles), Seed = p.GetValue(seed),
            WarmupSeconds = p.GetValue(warmup), CyclePauseMs = p.GetValue(pause),
        }, Console.Out)));
        return cmd;
    }

    private static Command PlacementCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 10, "Runs (each with its own random camera weights).");
        var cameras = IntOption("--cameras", 500, "Placed cameras.");
        var members = IntOption("--members", 10, "Members of their role.");
        var cmd = new Command("placement", "The cluster's placement decision alone: time to place, to re-place after a lost member, to rebalance; balance against round-robin.")
        {
            json, runs, cameras, members,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => PlacementBenchmark.Run(p.GetValue(runs), p.GetValue(cameras), p.GetValue(members), Console.Out)));
        return cmd;
    }

    private static Command FailoverCommand()
    {
        var json = JsonOption();
        var losses = IntOption("--losses", 10, "Host losses (each: link cut and node killed, then back and rebalanced).");
        var cameras = IntOption("--cameras", 12, "Placed synthetic cameras (a multiple of 3), each with a client placed with it.");
        var fps = IntOption("--fps", 25, "Frames per second of each camera.");
        var size = new Option<string>("--size") { Description = "Size of each camera's frames.", DefaultValueFactory = _ => "320x180" };
        var hogs = IntOption("--hogs", 0, "Busy-looping threads for the whole run (CPU load).");
        var blips = IntOption("--blips", 0, "5 s link cuts after the losses (hosts in turn), each of which must down no one.");
        var cmd = new Command("failover", "As root: three network-namespace hosts of role edge; a host lost N times: detection, downing, re-placement, start to analyzing, total (p50/p95).")
        {
            json, losses, cameras, fps, size, hogs, blips,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => FailoverBenchmark.Run(new FailoverOptions
        {
            Losses = p.GetValue(losses), Cameras = p.GetValue(cameras), Fps = p.GetValue(fps), Size = p.GetValue(size)!, Hogs = p.GetValue(hogs), Blips = p.GetValue(blips),
        }, Console.Out)));
        return cmd;
    }

    private static Command CrossHostCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 3, "Rounds of every variant (alternating).");
        var cameras = IntOption("--cameras", 4, "Cameras (720p25 H.264) on host A.");
        var seconds = IntOption("--seconds", 10, "Seconds measured per round.");
        var warmup = IntOption("--warmup", 3, "Seconds after a round's first frames before measuring.");
        var clipSeconds = IntOption("--clip-seconds", 30, "Length of the generated clip (at least warmup + seconds + 20).");
        var variants = new Option<string[]>("--variants")
        {
            Description = "Variants to run (default all): " + string.Join(", ", CrossHostVariant.All.Select(v => v.Name)),
            AllowMultipleArgumentsPerToken = true,
        };
        var cmd = new Command("cross-host", "As root: cameras on host A, readers on host B (network namespaces): encoded relay vs RGB or JPEG in Akka messages vs a second RTSP connection vs local readers.")
        {
            json, runs, cameras, seconds, warmup, clipSeconds, variants,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => CrossHostBenchmark.Run(new CrossHostOptions
        {
            Runs = p.GetValue(runs), Cameras = p.GetValue(cameras), Seconds = p.GetValue(seconds), WarmupSeconds = p.GetValue(warmup),
            ClipSeconds = p.GetValue(clipSeconds), Variants = p.GetValue(variants),
        }, Console.Out)));
        return cmd;
    }

    private static Command PythonCommand()
    {
        var json = JsonOption();
        var runs = IntOption("--runs", 5, "Repetitions (each runs the C# and the Python client side by side).");
        var frames = IntOption("--frames", 2000, "Frames written per run.");
        var warmup = IntOption("--warmup", 100, "Frames written before measuring.");
        var slots = IntOption("--slots", 8, "Ring slots.");
        var window = IntOption("--window", 4, "Frames announced ahead (the client's credit).");
        var width = IntOption("--width", 1920, "Frame width.");
        var height = IntOption("--height", 1080, "Frame height.");
        var python = new Option<string>("--python") { Description = "Python interpreter of the worker.", DefaultValueFactory = _ => PythonShmBaseline.DefaultPython };
        var cmd = new Command("python", "1080p frames to a client whose analyzer touches one pixel: Python (worker process, numpy views) against C#, side by side.")
        {
            json, runs, frames, warmup, slots, window, width, height, python,
        };
        cmd.SetAction(p => Report(p, p.GetValue(json), () => PythonClientBenchmark.Measure(new PythonClientBenchmark.Options(
            p.GetValue(runs), p.GetValue(frames), p.GetValue(warmup), p.GetValue(slots), p.GetValue(window), p.GetValue(width), p.GetValue(height),
            p.GetValue(python)!), Console.Out)));
        return cmd;
    }

    private static Command PeerCommand()
    {
        var role = new Argument<string>("role");
        var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command(PeerCommandName, "The far end of a benchmark (started by the benchmark itself).") { role, rest };
        cmd.Hidden = true;
        cmd.SetAction(p => BenchPeers.Run(p.GetValue(role)!, new PeerArgs(p.GetValue(rest) ?? [])));
        return cmd;
    }

    /// <summary>Peers inherit the environment: a non-zero pause reaches every node of the run.</summary>
    private static BenchReport WithWatchPause(int pauseMs, Func<BenchReport> run)
    {
        if (pauseMs <= 0) return run();
        Environment.SetEnvironmentVariable(FrameWire.WatchPauseVariable, pauseMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var report = run();
            report.Results["watch_failure_detector_acceptable_pause_ms"] = pauseMs;
            return report;
        }
        finally { Environment.SetEnvironmentVariable(FrameWire.WatchPauseVariable, null); }
    }

    private static int Report(ParseResult command, string? jsonPath, Func<BenchReport> run)
    {
        var atStart = MachineInfo.Describe();
        var report = run();
        report.Results["machine_at_start"] = atStart;
        report.Results["machine_at_end"] = MachineInfo.Describe();
        report.Results["command"] = "valkka bench " + string.Join(' ', command.Tokens.Select(t => t.Value));
        Console.WriteLine(report.ToJsonText());
        if (jsonPath is not null) report.Write(jsonPath);
        return 0;
    }
}
