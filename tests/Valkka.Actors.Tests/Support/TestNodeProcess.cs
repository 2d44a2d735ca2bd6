namespace Valkka.Actors.Tests.Support;

/// <summary>Starts the test-node exe (Valkka.Actors.TestNode) as a real second process; it prints "READY port" once it listens.</summary>
public static class TestNodeProcess
{
    public static ChildProcess Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    public static ChildProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.StartDotnet(NodeDll(), args, new ChildProcessOptions(Environment: environment));

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
