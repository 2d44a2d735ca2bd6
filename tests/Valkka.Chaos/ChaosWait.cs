namespace Valkka.Chaos;

/// <summary>
/// The runner's one way to wait for a condition: it is checked every quarter second (a check may
/// read the whole stats board or a node's output) until it holds or the deadline passes.
/// </summary>
public static class ChaosWait
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>True once condition holds; false when the deadline passed (or stop was requested) first.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, DateTimeOffset deadline, CancellationToken stop = default)
    {
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline || stop.IsCancellationRequested) return false;
            try { await Task.Delay(Poll, stop); }
            catch (OperationCanceledException) { return false; }
        }
        return true;
    }

    /// <summary>True once condition holds; false when length passed first.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan length, CancellationToken stop = default) =>
        UntilAsync(condition, DateTimeOffset.UtcNow + length, stop);
}
