namespace Valkka.Nodes.Tests.Support;

/// <summary>The valkka program run as a real child process (`dotnet valkka.dll ...` from the test's output folder).</summary>
public static class ValkkaCli
{
    public static ChildProcess Start(params string[] arguments) =>
        ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"), arguments,
            new ChildProcessOptions(Environment: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }));

    /// <summary>Runs to the end (deadline only against hangs) and returns the exit code and every line it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan deadline, params string[] arguments)
    {
        using var cli = Start(arguments);
        var code = await cli.WaitForExitAsync(deadline);
        return (code, cli.Output);
    }
}
