namespace Valkka.Nodes.Node;

/// <summary>
/// One change at a time to a node's parts: a live change's phases and the placement's starts and stops take turns.
/// Between a live change's stop phase and its start phase <see cref="ChangePending"/> is true: the placement then
/// waits, so that it never starts again, with the definition the change replaces, a part the stop phase just stopped.
/// A start phase that never comes (its launcher went away) ends the wait after <see cref="PendingLimit"/>.
/// </summary>
internal sealed class PartsGate : IDisposable
{
    public static readonly TimeSpan PendingLimit = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _one = new(1, 1);
    private long _pendingSinceTicks;

    public Task WaitAsync() => _one.WaitAsync();

    public void Release() => _one.Release();

    public bool ChangePending
    {
        get
        {
            var since = Interlocked.Read(ref _pendingSinceTicks);
            return since != 0 && DateTime.UtcNow.Ticks - since < PendingLimit.Ticks;
        }
    }

    public void ChangeBegins() => Interlocked.Exchange(ref _pendingSinceTicks, DateTime.UtcNow.Ticks);

    public void ChangeEnds() => Interlocked.Exchange(ref _pendingSinceTicks, 0);

    public void Dispose() => _one.Dispose();
}
