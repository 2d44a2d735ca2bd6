namespace Valkka.TestSupport;

/// <summary>How a program run to its end went: its exit code, its stdout and its stderr.</summary>
public sealed record ChildProcessResult(string CommandLine, int ExitCode, string Output, string Errors)
{
    /// <summary>This result, or an exception naming the command, its exit code and its stderr.</summary>
    public ChildProcessResult ThrowIfFailed(string hint = "")
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"'{CommandLine}' failed ({ExitCode}){hint}: {Errors.Trim()}");
        return this;
    }
}
