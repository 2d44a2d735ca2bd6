using System.Diagnostics;
using System.Globalization;

namespace Valkka.Nodes.Cli;

/// <summary>
/// Where a node's start-up time goes (a restarted node's recovery starts with it): the runtime's own
/// start until Main, then each step the node marks, printed as one line once its actors exist.
/// </summary>
public sealed class StartUpTimes
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _beforeMain;
    private readonly List<(string Step, TimeSpan Took)> _steps = [];
    private TimeSpan _last;

    private StartUpTimes(TimeSpan beforeMain) => _beforeMain = beforeMain;

    public static StartUpTimes Begin()
    {
        using var self = Process.GetCurrentProcess();
        return new StartUpTimes(DateTime.Now - self.StartTime);
    }

    public void Mark(string step)
    {
        var now = _clock.Elapsed;
        _steps.Add((step, now - _last));
        _last = now;
    }

    public override string ToString() =>
        $"up {Ms(_beforeMain + _last)} after the process started (runtime start {Ms(_beforeMain)}, " +
        string.Join(", ", _steps.Select(s => $"{s.Step} {Ms(s.Took)}")) + ")";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
