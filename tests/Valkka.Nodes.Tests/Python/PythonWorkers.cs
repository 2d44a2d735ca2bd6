using System.Text.RegularExpressions;

namespace Valkka.Nodes.Tests.Python;

/// <summary>What a run's output says about its Python workers, and whether they are still alive.</summary>
public static partial class PythonWorkers
{
    /// <summary>The analyzers of tests/Valkka.Nodes.Tests/Python/analyzers ("$ROOT" as in TestTopology.FromText).</summary>
    public const string AnalyzerFolder = "$ROOT/tests/Valkka.Nodes.Tests/Python/analyzers";

    [GeneratedRegex(@"worker pid (\d+) runs ")]
    private static partial Regex WorkerStarted();

    /// <summary>The pids of every worker the run's lines report started.</summary>
    public static IReadOnlyList<int> Started(IEnumerable<string> lines) =>
        lines.Select(l => WorkerStarted().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).Distinct().ToList();

    /// <summary>The pids of <paramref name="pids"/> that still run valkka.worker.</summary>
    public static IReadOnlyList<int> Alive(IEnumerable<int> pids) => pids.Where(pid =>
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            var status = File.ReadAllText($"/proc/{pid}/status");
            return cmdline.Contains("valkka.worker", StringComparison.Ordinal) && !status.Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }).ToList();

    /// <summary>"PREFIX camera frame-index sha256" lines as (camera, frame index) to checksum (a frame printed twice keeps one).</summary>
    public static Dictionary<(string Camera, long Frame), string> Checksums(IEnumerable<string> lines, string prefix)
    {
        var sums = new Dictionary<(string, long), string>();
        foreach (var line in lines)
        {
            int at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0) continue;
            var parts = line[(at + prefix.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && long.TryParse(parts[1], out var frame)) sums[(parts[0], frame)] = parts[2];
        }
        return sums;
    }
}
