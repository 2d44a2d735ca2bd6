namespace Valkka.TestSupport;

/// <summary>How a program run to its end went: its exit code, its stdout and its stderr.</summary>
public sealed record ChildProcessResult(string CommandLine, int ExitCode, string Output, string Errors)
{
    /// <summary>This result, or an exception naming the command, its exit code, its stderr and the hint.</summary>
    public ChildProcessResult ThrowIfFailed(string? hint = null)
    {
        if (ExitCode != 0)
            throw new InvalidOperationException(
                $"'{CommandLine}' failed ({ExitCode}){(hint is null ? "" : "; " + hint)}: {Errors.Trim()}");
        return this;
    }
}
