namespace Valkka.Media.Sources;

/// <summary>Exponential backoff: initial, 2x each attempt, capped; optionally a maximum number of attempts.</summary>
public sealed class ReconnectPolicy
{
    private readonly TimeSpan initialDelay, maxDelay;
    private readonly int? maxAttempts;
    private TimeSpan _next;

    public ReconnectPolicy(TimeSpan initialDelay, TimeSpan maxDelay, int? maxAttempts)
    {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
        _next = initialDelay;
    }

    /// <summary>Reconnect attempts since the last <see cref="Reset"/>.</summary>
    public int Attempts { get; private set; }

    /// <summary>The delay before the next attempt, or false when the attempts are used up.</summary>
    public bool TryNextDelay(out TimeSpan delay)
    {
        if (maxAttempts is { } max && Attempts >= max) { delay = TimeSpan.Zero; return false; }
        Attempts++;
        delay = _next < maxDelay ? _next : maxDelay;
        var doubled = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, maxDelay.Ticks));
        _next = doubled > TimeSpan.Zero ? doubled : maxDelay;
        return true;
    }

    /// <summary>After a successful connection the backoff starts from the initial delay again.</summary>
    public void Reset()
    {
        Attempts = 0;
        _next = initialDelay;
    }
}
