using Valkka.Nodes.Launcher;

namespace Valkka.Nodes.Tests.Launcher;

public class RestartBackoffTests
{
    [Fact]
    public void First_restart_is_immediate_then_delay_doubles_up_to_the_maximum_and_resets_after_a_stable_run()
    {
        var backoff = RestartBackoff.Default();
        var quick = TimeSpan.FromSeconds(1);
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(quick).TotalSeconds).ToList();
        Assert.Equal([0, 0.5, 1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(0, backoff.NextDelay(TimeSpan.FromSeconds(6)).TotalSeconds);
        Assert.Equal(0.5, backoff.NextDelay(quick).TotalSeconds);
    }
}
