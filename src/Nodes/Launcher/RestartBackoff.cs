namespace Valkka.Nodes.Launcher;

/// <summary>
/// Delay before restarting a node that died: at once the first time (a one-off crash should cost
/// only the node's start-up), then 0.5 s doubling per quick death up to 10 s; a node that ran for
/// a while (5 s: longer than a start-up on a quiet machine) before dying starts again from an immediate
/// restart. The backoff is for a node that cannot start; a running node killed twice in half a minute
/// is not one, and waiting seconds to restart it would only leave its clients deaf longer.
/// </summary>
public sealed class RestartBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _stableAfter;
    private TimeSpan _next;
    private bool _restartedQuickly;

    public RestartBackoff(TimeSpan initial, TimeSpan max, TimeSpan stableAfter)
    {
        (_initial, _max, _stableAfter) = (initial, max, stableAfter);
        _next = initial;
    }

    public static RestartBackoff Default() =>
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    public TimeSpan NextDelay(TimeSpan ranFor)
    {
        if (ranFor >= _stableAfter)
        {
            _next = _initial;
            _restartedQuickly = false;
        }
        if (!_restartedQuickly)
        {
            _restartedQuickly = true;
            return TimeSpan.Zero;
        }
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        return delay;
    }
}
