namespace Valkka.Nodes.Launcher;

/// <summary>
/// Delay before restarting a node that died: 0.5 s, doubling per quick death up to 10 s; a node
/// that ran for a while (30 s) before dying starts again from the shortest delay.
/// </summary>
public sealed class RestartBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _stableAfter;
    private TimeSpan _next;

    public RestartBackoff(TimeSpan initial, TimeSpan max, TimeSpan stableAfter)
    {
        (_initial, _max, _stableAfter) = (initial, max, stableAfter);
        _next = initial;
    }

    public static RestartBackoff Default() =>
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    public TimeSpan NextDelay(TimeSpan ranFor)
    {
        if (ranFor >= _stableAfter) _next = _initial;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        return delay;
    }
}
