using System.Diagnostics;

namespace Valkka.Media.Tests.Support;

internal static class Wait
{
    /// <summary>Polls until the condition holds; false when the (generous) deadline passes.</summary>
    public static bool Until(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
