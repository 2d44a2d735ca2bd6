using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Flow;

/// <summary>
/// This process as a <see cref="ReaderProcess"/>, and what an owner can tell about a reader's process:
/// alive or dead only when it runs on this host, unknown otherwise.
/// </summary>
internal static class ReaderProcesses
{
    /// <summary>This process, on the host of identity host.</summary>
    public static ReaderProcess Current(string host) =>
        new(host, ProcessIdentity.CurrentPid, ProcessIdentity.CurrentStartTime);

    /// <summary>True when process runs on this host and is still alive.</summary>
    public static bool IsAliveHere(ReaderProcess? process, string host) =>
        process is not null && process.Host == host && ProcessIdentity.IsAlive(process.Pid, process.StartTime);

    /// <summary>True when process ran on this host and is gone.</summary>
    public static bool IsDeadHere(ReaderProcess? process, string host) =>
        process is not null && process.Host == host && !ProcessIdentity.IsAlive(process.Pid, process.StartTime);
}
