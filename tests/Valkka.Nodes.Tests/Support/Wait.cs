namespace Valkka.Nodes.Tests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes (deadlines only prevent hangs).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var end = DateTime.UtcNow + deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException($"timed out after {deadline.TotalSeconds:0}s waiting for {what}");
            await Task.Delay(50);
        }
    }
}
