using System.Diagnostics;
using System.Reflection;

namespace Valkka.Bench;

/// <summary>
/// Starts this program again as a benchmark peer (<c>valkka-bench _peer ROLE key=value...</c>) so
/// both ends of a transport run in separate OS processes, as they do in a deployment.
/// </summary>
public static class PeerLauncher
{
    /// <summary>
    /// The assembly whose entry point hands its arguments to <see cref="BenchCommand.Create"/>:
    /// the valkka-bench program by default; tests point it at their own.
    /// </summary>
    public static string HostAssemblyPath { get; set; } =
        Assembly.GetEntryAssembly()?.Location ?? typeof(PeerLauncher).Assembly.Location;

    /// <summary>Set (to anything) to run peers with .NET's default tiered JIT instead of full JIT.</summary>
    public const string TieredJitVariable = "VALKKA_BENCH_TIERED_JIT";

    public static ProcessStartInfo StartInfo(string role, IEnumerable<KeyValuePair<string, string>> args)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Peers are fresh processes measured after a few seconds: with tiered JIT their tier-up
        // compilation (seconds of CPU on the JIT thread) would be counted as per-frame cost. Full JIT
        // compiles each method once, fully, at first use: the state a node reaches after its first minute.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TieredJitVariable)))
            psi.Environment["DOTNET_TieredCompilation"] = "0";
        string host = HostAssemblyPath;
        if (host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            psi.FileName = DotnetPath();
            psi.ArgumentList.Add(host);
        }
        else
        {
            psi.FileName = host;
        }
        psi.ArgumentList.Add(BenchCommand.PeerCommandName);
        psi.ArgumentList.Add(role);
        foreach (var (k, v) in args) psi.ArgumentList.Add($"{k}={v}");
        return psi;
    }

    private static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        return "dotnet";
    }
}
