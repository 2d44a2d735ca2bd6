namespace Valkka.Bench.Tests;

/// <summary>Files the benchmarks create in /dev/shm (rings of bench topologies, wake-up pages, Python blocks).</summary>
internal static class ShmLeftovers
{
    public static string[] Now() => Directory.GetFiles("/dev/shm")
        .Select(Path.GetFileName)
        .Where(n => n!.StartsWith("valkka.vbench", StringComparison.Ordinal) || n.StartsWith("vbench", StringComparison.Ordinal))
        .Select(n => n!)
        .ToArray();

    /// <summary>Asserts the benchmark left none of its files behind (files from before it started are ignored).</summary>
    public static void AssertNoneNewSince(string[] before)
    {
        var left = Now().Except(before).ToArray();
        Assert.True(left.Length == 0, "left in /dev/shm: " + string.Join(", ", left));
    }
}
