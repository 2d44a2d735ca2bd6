namespace Valkka.Shm.Tests;

/// <summary>Starts Valkka.Shm.TestProcess (built next to the tests) as a real process that the test talks to over stdin/stdout lines.</summary>
internal static class ShmTestProcess
{
    public static ChildProcess Start(params string[] args) =>
        ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "Valkka.Shm.TestProcess.dll"), args,
            new ChildProcessOptions(Input: true));
}
