namespace Valkka.Shm;

/// <summary>Signals to another process by pid (Process.Kill sends only SIGKILL).</summary>
public static class ProcessSignals
{
    private const int SigHup = 1;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>SIGTERM: asks the process to stop cleanly. False when no process has that pid (or it is not ours).</summary>
    public static bool Terminate(int pid) => Native.LibC.kill(pid, SigTerm) == 0;

    /// <summary>SIGKILL: ends the process at once. False when no process has that pid (or it is not ours).</summary>
    public static bool Kill(int pid) => Native.LibC.kill(pid, SigKill) == 0;

    /// <summary>SIGHUP: a valkka run or a valkka node alone applies its topology file again.</summary>
    public static bool Hangup(int pid) => Native.LibC.kill(pid, SigHup) == 0;

    /// <summary>
    /// Gives this process SIGHUP's default disposition back before it registers a handler for it: a process
    /// started under nohup (or by a parent that ignores SIGHUP) inherits "ignored", and .NET then never calls
    /// a PosixSignalRegistration for SIGHUP. Measured: LiveChangeTests' SIGHUP step failed every time under nohup.
    /// </summary>
    public static void UnignoreHangup() => Native.LibC.signal(SigHup, 0);
}
