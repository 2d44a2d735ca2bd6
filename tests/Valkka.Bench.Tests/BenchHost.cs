using System.CommandLine;
using Valkka.Nodes.Bench;

namespace Valkka.Bench.Tests;

/// <summary>
/// Entry point of this assembly when a benchmark starts it as a peer process: the same
/// <c>bench</c> command the valkka program carries, so tests run the real peer code.
/// </summary>
public static class BenchHost
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("bench test host") { BenchCommand.Create() };
        return root.Parse(args).Invoke();
    }

    /// <summary>Runs <c>bench ARGS</c> in this process, its peers as processes of this assembly.</summary>
    public static int Invoke(params string[] args)
    {
        PeerLauncher.HostAssemblyPath = typeof(BenchHost).Assembly.Location;
        var root = new RootCommand("bench test host") { BenchCommand.Create() };
        return root.Parse(["bench", .. args]).Invoke();
    }
}
