using System.Diagnostics;
using Akka.Event;

namespace Valkka.Actors.Stats;

/// <summary>
/// Logs an analyzer's failures once per burst, not once per frame: the first failure with its message, a
/// reminder with the count while it goes on (at most once a minute), and the count when an analysis succeeds
/// again. The failures themselves are counted by the caller.
/// </summary>
internal sealed class FailureBurst(ILoggingAdapter log, string who)
{
    private static readonly TimeSpan Reminder = TimeSpan.FromMinutes(1);

    private long _failed;
    private long _loggedAt;

    public void Failed(Exception? error, string message)
    {
        if (_failed++ == 0)
        {
            _loggedAt = Stopwatch.GetTimestamp();
            const string text = "{0}: {1} (further failures are counted, and logged again when the analyzer recovers)";
            if (error is null) log.Error(text, who, message);
            else log.Error(error, text, who, message);
        }
        else if (Stopwatch.GetElapsedTime(_loggedAt) >= Reminder)
        {
            _loggedAt = Stopwatch.GetTimestamp();
            log.Error("{0}: {1} analyses failed in a row so far; the latest: {2}", who, _failed, message);
        }
    }

    public void Succeeded()
    {
        if (_failed == 0) return;
        log.Warning("{0}: the analyzer succeeded again after {1} failed analyses", who, _failed);
        _failed = 0;
    }
}
