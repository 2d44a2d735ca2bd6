using System.Runtime.InteropServices;

namespace Valkka.Chaos;

/// <summary>SIGSTOP and SIGCONT by pid (ProcessSignals of Valkka.Shm sends only SIGTERM and SIGKILL).</summary>
public static partial class Signals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static bool Stop(int pid) => kill(pid, SigStop) == 0;

    public static bool Continue(int pid) => kill(pid, SigCont) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
