using System.CommandLine;

namespace Valkka.Bench.Tests;

/// <summary>
/// Entry point of this assembly when a benchmark starts it as a peer process: the same commands
/// the valkka-bench program carries, so tests run the real peer code.
/// </summary>
public static class BenchHost
{
    public static int Main(string[] args) => BenchCommand.Create().Parse(args).Invoke();

    /// <summary>Runs <c>valkka-bench ARGS</c> in this process, its peers as processes of this assembly.</summary>
    public static int Invoke(params string[] args)
    {
        PeerLauncher.HostAssemblyPath = typeof(BenchHost).Assembly.Location;
        // Tests check what a benchmark reports, not its figures: peers may start with tiered JIT,
        // seconds sooner each than the full JIT that measured runs use.
        Environment.SetEnvironmentVariable(PeerLauncher.TieredJitVariable, "1");
        return BenchCommand.Create().Parse(args).Invoke();
    }
}
