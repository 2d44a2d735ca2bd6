using System.Diagnostics;

namespace Valkka.TestSupport;

/// <summary>Polls a condition until it holds or a generous deadline passes (deadlines only stop hangs).</summary>
public static class Wait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>True once the condition holds; false when the deadline passed first.</summary>
    public static bool Until(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline) return false;
            Thread.Sleep(Interval);
        }
        return true;
    }

    /// <summary>Returns once the condition holds; throws, naming what was awaited, when the deadline passes.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"timed out after {deadline.TotalSeconds:0}s waiting for {what}");
            await Task.Delay(Interval);
        }
    }
}
