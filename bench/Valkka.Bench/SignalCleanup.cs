using System.Runtime.InteropServices;

namespace Valkka.Bench;

/// <summary>
/// Ctrl-C, SIGTERM or SIGHUP: the processes and namespaces go before the bench exits. Cleaned up in
/// the signal's handler, before the runtime starts shutting down (a child process can no longer be
/// started from ProcessExit, and the teardown runs ip and umount).
/// </summary>
public sealed class SignalCleanup : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations;

    private SignalCleanup(IDisposable resource) =>
        _registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                resource.Dispose();
                Environment.Exit(128 + (context.Signal switch { PosixSignal.SIGINT => 2, PosixSignal.SIGTERM => 15, _ => 1 }));
            })).ToList();

    /// <summary>Disposes resource (safe to call from several threads) on a signal, then exits 128 + the signal.</summary>
    public static SignalCleanup For(IDisposable resource) => new(resource);

    public void Dispose() => _registrations.ForEach(r => r.Dispose());
}
