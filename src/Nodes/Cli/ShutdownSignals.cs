using System.Runtime.InteropServices;

namespace Valkka.Nodes.Cli;

/// <summary>
/// A token cancelled by SIGTERM (and SIGINT unless ignored). The signals no longer kill the
/// process: whoever holds the token stops cleanly. A node started by `valkka run` ignores SIGINT,
/// because Ctrl-C reaches the whole process group and the launcher stops its nodes itself.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public ShutdownSignals(bool ignoreInterrupt)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            if (ignoreInterrupt) ctx.Cancel = true;
            else Handle(ctx);
        }));
    }

    public CancellationToken Token => _cts.Token;
    public string? Received { get; private set; }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        Received ??= context.Signal.ToString();
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
