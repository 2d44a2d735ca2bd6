namespace Valkka.TestSupport.Hosts;

/// <summary>The root commands that build and tear down test hosts (ip, bridge, mount, unshare); a failure names the command and what it printed.</summary>
internal static class HostCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ChildProcessResult Run(string file, params string[] arguments) =>
        ChildProcess.Run(file, arguments, Timeout).ThrowIfFailed("test hosts need root (CI runs as root) and iproute2");

    /// <summary>Runs every command even when one fails (teardown); returns the failures.</summary>
    public static List<string> RunAll(IEnumerable<string[]> commands)
    {
        var failures = new List<string>();
        foreach (var command in commands)
        {
            try { Run(command[0], command[1..]); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException) { failures.Add(e.Message); }
        }
        return failures;
    }
}
