namespace Valkka.TestSupport;

/// <summary>
/// How a child process is started: extra environment variables, its working directory, and whether
/// the test writes to its stdin (<see cref="ChildProcess.Send"/>); otherwise stdin is inherited.
/// </summary>
public sealed record ChildProcessOptions(
    IReadOnlyDictionary<string, string>? Environment = null,
    string? WorkingDirectory = null,
    bool Input = false);
