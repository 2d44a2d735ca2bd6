namespace Valkka.Actors.Tests.Support;

/// <summary>Starts the test-node exe (Valkka.Actors.TestNode) as a real second process; it prints "READY port" once it listens.</summary>
public static class TestNodeProcess
{
    public static ChildProcess Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    public static ChildProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.StartDotnet(NodeDll(), args, new ChildProcessOptions(Environment: environment));

    /// <summary>
    /// The test node in a mount namespace of its own whose /dev/shm is a fresh tmpfs of tmpfsSize
    /// (e.g. "4m"; needs root). Its rings are seen from here under /proc/PID/root/dev/shm.
    /// </summary>
    public static ChildProcess StartWithPrivateShm(string tmpfsSize, params string[] args) =>
        ChildProcess.Start("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=$0 tmpfs /dev/shm && exec \"$@\"", tmpfsSize,
            DotnetHost.Find(), "exec", NodeDll(), .. args]);

    private static string NodeDll()
    {
        // tests/Valkka.Actors.Tests/bin/<Configuration>/net10.0 -> tests/Valkka.Actors.TestNode/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd('/');
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var testsDir = Path.GetFullPath(Path.Combine(here, "..", "..", "..", ".."));
        var dll = Path.Combine(testsDir, "Valkka.Actors.TestNode", "bin", configuration, framework, "Valkka.Actors.TestNode.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"test node not built: {dll}");
        return dll;
    }
}
