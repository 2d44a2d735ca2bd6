using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Valkka.Bench;

/// <summary>
/// Transport variant (c): bench/python/shm_transport.py under Debian's /usr/bin/python3
/// (multiprocessing.shared_memory slots, a Pipe to notify and give slots back).
/// </summary>
public static class PythonShmBaseline
{
    public const string DefaultPython = "/usr/bin/python3";
    public const string ScriptRelativePath = "bench/python/shm_transport.py";

    public static TransportRun Run(string python, string script, int frames, int warmup, int slots, int width, int height)
    {
        if (!File.Exists(python)) throw new FileNotFoundException($"Python interpreter '{python}' not found (install Debian's python3)");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--frames", $"{frames}", "--warmup", $"{warmup}", "--slots", $"{slots}", "--width", $"{width}", "--height", $"{height}" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException($"{script} did not finish in 5 minutes"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} failed with code {p.ExitCode}: {stderr.Result.Trim()}");
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null || JsonNode.Parse(line) is not JsonObject r) throw new InvalidOperationException($"{script} printed no result: {stderr.Result.Trim()}");
        return new TransportRun((long)r["frames"]!, (double)r["seconds"]!, (double)r["writer_cpu_s"]! + (double)r["reader_cpu_s"]!, (ulong)r["checksum"]!,
            (double)r["writer_cpu_s"]!);
    }

    /// <summary>Finds bench/python/shm_transport.py above the program's folder or the current folder.</summary>
    public static string FindScript() => BenchFiles.Find(ScriptRelativePath, "; pass --python-script");
}
