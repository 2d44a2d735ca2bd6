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
    // Handlers run on thread-pool threads: a signal that arrives while Dispose runs must not touch
    // the disposed token source.
    private readonly Lock _gate = new();
    private bool _disposed;

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
        lock (_gate)
        {
            if (_disposed) return;
            Received ??= context.Signal.ToString();
            _cts.Cancel();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
