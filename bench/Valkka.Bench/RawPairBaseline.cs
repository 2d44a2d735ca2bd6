using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// The transport's physical ceiling: bench/c/raw_pair.c, built here with gcc, a writer and a reader
/// process on one shared mapping with no protocol (the writer copies each frame into the next slot
/// and publishes its number; the reader spins on it and sums every byte of the newest slot).
/// </summary>
public static class RawPairBaseline
{
    public const string SourceRelativePath = "bench/c/raw_pair.c";

    /// <summary>Compiles raw_pair.c into a temporary folder; returns the program's path (delete its folder when done).</summary>
    public static string Build()
    {
        string source = BenchFiles.Find(SourceRelativePath, "");
        string folder = Directory.CreateTempSubdirectory("valkka-raw-pair-").FullName;
        string program = Path.Combine(folder, "raw_pair");
        Execute("gcc", ["-O2", "-Wall", "-Werror", "-o", program, source], TimeSpan.FromMinutes(1));
        return program;
    }

    public static TransportRun Run(string program, int frames, int warmup, int slots, int width, int height)
    {
        string output = Execute(program, [$"{frames}", $"{warmup}", $"{slots}", $"{width}", $"{height}"], TimeSpan.FromMinutes(5));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null || JsonNode.Parse(line) is not JsonObject r) throw new InvalidOperationException($"{program} printed no result");
        long summed = (long)r["frames"]!;
        return TransportRun.FromPeerResult(r) with { Written = frames, Skipped = frames - summed };
    }

    private static string Execute(string program, string[] arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeout)) { p.Kill(true); throw new TimeoutException($"{program} did not finish in {timeout.TotalSeconds:0} s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with code {p.ExitCode}: {stderr.Result.Trim()}");
        return stdout;
    }
}
