using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Flow;

/// <summary>
/// This process as a <see cref="ReaderProcess"/>, and what an owner can tell about a reader's process:
/// alive or dead only when it runs on this host, unknown otherwise.
/// </summary>
internal static class ReaderProcesses
{
    public static ReaderProcess Current() =>
        new(HostIdentity.Current, ProcessIdentity.CurrentPid, ProcessIdentity.CurrentStartTime);

    /// <summary>True when process runs on this host and is still alive.</summary>
    public static bool IsAliveHere(ReaderProcess? process) =>
        process is not null && process.Host == HostIdentity.Current && ProcessIdentity.IsAlive(process.Pid, process.StartTime);

    /// <summary>True when process ran on this host and is gone.</summary>
    public static bool IsDeadHere(ReaderProcess? process) =>
        process is not null && process.Host == HostIdentity.Current && !ProcessIdentity.IsAlive(process.Pid, process.StartTime);
}
