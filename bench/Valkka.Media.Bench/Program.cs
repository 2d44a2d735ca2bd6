using System.Diagnostics;
using System.Globalization;
using Valkka.Bench;
using Valkka.Media.Bench;
using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

// Decode + RGB24 of one 720p H.264 clip: Valkka.Media (in this process) against
// `ffmpeg -i clip -pix_fmt rgb24 -f null -` (a child process), alternating, same run.
// Usage: Valkka.Media.Bench [--clip FILE] [--rounds N] [--seconds S]
var rounds = 5;
var seconds = 20;
string? clip = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--clip": clip = args[++i]; break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

if (clip == null)
{
    clip = Path.Combine(SyntheticClipCache.Directory, $"bench-testsrc2-1280x720-25fps-{seconds}s-h264.mp4");
    if (!File.Exists(clip))
    {
        Directory.CreateDirectory(SyntheticClipCache.Directory);
        var tmp = clip + ".tmp.mp4";
        Run("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "medium", "-g", "25",
            "-pix_fmt", "yuv420p", tmp]);
        File.Move(tmp, clip, overwrite: true);
    }
}

Console.WriteLine($"clip: {clip}");
Console.WriteLine($"FFmpeg: {Valkka.Media.Native.FFmpegLibraries.VersionSummary}");
Console.WriteLine($"cores: {Environment.ProcessorCount}, rounds: {rounds}");

var configs = new (string Name, int Threads, string[] FfmpegThreads)[]
{
    ("decoder threads auto", 0, []),
    ("decoder threads 1", 1, ["-threads", "1"]),
};

Decode(clip, 1); // warm up (JIT, page cache)
RunFfmpeg(clip, [], []);

foreach (var (name, threads, ffThreads) in configs)
{
    var ours = new List<Sample>();
    var theirs = new List<Sample>();
    var startup = new List<Sample>();
    for (var r = 0; r < rounds; r++)
    {
        ours.Add(Decode(clip, threads));
        theirs.Add(RunFfmpeg(clip, ffThreads, []));
        startup.Add(RunFfmpeg(clip, ffThreads, ["-frames:v", "1"]));
    }
    // ffmpeg's CPU includes starting a process (loading ~100 shared libraries); ours runs in a
    // warm process. The marginal cost removes that: (full run - 1-frame run) / (frames - 1).
    var marginal = theirs.Zip(startup, (full, one) => new Sample(full.Frames - one.Frames, full.CpuSeconds - one.CpuSeconds, full.WallSeconds - one.WallSeconds)).ToList();
    var ffCommand = $"ffmpeg {string.Join(' ', ffThreads.Concat(["-i", "clip.mp4", "-pix_fmt", "rgb24", "-f", "null", "-"]))}";
    Console.WriteLine();
    Console.WriteLine($"### {name} ({ours[0].Frames} frames of 1280x720, {rounds} rounds alternating, median [min-max])");
    Console.WriteLine();
    Console.WriteLine("| | CPU ms / frame | fps (wall) |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| Valkka.Media CameraDecoder -> RGB24 buffer (Threads={threads}) | {Fmt(ours, s => s.CpuMsPerFrame)} | {Fmt(ours, s => s.Fps, "0")} |");
    Console.WriteLine($"| `{ffCommand}` | {Fmt(theirs, s => s.CpuMsPerFrame)} | {Fmt(theirs, s => s.Fps, "0")} |");
    Console.WriteLine($"| same, less its start-up (`-frames:v 1` run subtracted) | {Fmt(marginal, s => s.CpuMsPerFrame)} | |");
    Console.WriteLine();
    Console.WriteLine($"CPU per frame ratio (ours / ffmpeg, medians): **{Median(ours, s => s.CpuMsPerFrame) / Median(theirs, s => s.CpuMsPerFrame):0.00}x**; " +
                      $"against ffmpeg without its start-up: **{Median(ours, s => s.CpuMsPerFrame) / Median(marginal, s => s.CpuMsPerFrame):0.00}x**");
}
return 0;

static Sample Decode(string clip, int threads)
{
    using var target = new BufferTarget();
    using var done = new ManualResetEventSlim();
    using var decoder = new CameraDecoder(new DecoderOptions(clip) { Threads = threads }, target);
    string? failure = null;
    decoder.StatusChanged += s =>
    {
        if (s.State is CameraState.Stopped or CameraState.Failed) { failure = s.State == CameraState.Failed ? s.Reason : null; done.Set(); }
    };
    var cpu0 = CpuClock.Process().TotalSeconds;
    var wall = Stopwatch.StartNew();
    decoder.Start();
    done.Wait();
    wall.Stop();
    var cpu = CpuClock.Process().TotalSeconds - cpu0;
    if (failure != null) throw new InvalidOperationException(failure);
    return new Sample(target.Frames, cpu, wall.Elapsed.TotalSeconds);
}

static Sample RunFfmpeg(string clip, string[] threads, string[] outputOptions)
{
    var cpu0 = CpuClock.ReapedChildren().TotalSeconds;
    var wall = Stopwatch.StartNew();
    var stderr = Run("ffmpeg", ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "info", .. threads, "-i", clip,
        .. outputOptions, "-pix_fmt", "rgb24", "-f", "null", "-"]);
    wall.Stop();
    var cpu = CpuClock.ReapedChildren().TotalSeconds - cpu0;
    var frames = 0L;
    foreach (var line in stderr.Split('\n'))
    {
        var at = line.IndexOf("frame=", StringComparison.Ordinal);
        if (at >= 0 && long.TryParse(line[(at + 6)..].TrimStart().Split(' ')[0], out var f)) frames = f;
    }
    return new Sample(frames, cpu, wall.Elapsed.TotalSeconds);
}

static string Run(string file, string[] args)
{
    var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in args) start.ArgumentList.Add(a);
    using var p = Process.Start(start)!;
    var err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {err}");
    return err;
}

static double Median(List<Sample> s, Func<Sample, double> f)
{
    var v = s.Select(f).Order().ToList();
    return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
}

static string Fmt(List<Sample> s, Func<Sample, double> f, string format = "0.000") =>
    $"{Median(s, f).ToString(format, CultureInfo.InvariantCulture)} [{s.Min(f).ToString(format, CultureInfo.InvariantCulture)}-{s.Max(f).ToString(format, CultureInfo.InvariantCulture)}]";

internal sealed record Sample(long Frames, double CpuSeconds, double WallSeconds)
{
    public double CpuMsPerFrame => CpuSeconds * 1000 / Frames;
    public double Fps => Frames / WallSeconds;
}
