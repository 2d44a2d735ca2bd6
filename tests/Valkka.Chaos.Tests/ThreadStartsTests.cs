using Valkka.Chaos.Soak;

namespace Valkka.Chaos.Tests;

public class ThreadStartsTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void Threads_started_after_the_first_look_are_counted_by_their_name()
    {
        var starts = new ThreadStarts();
        starts.Poll([Self]);
        Assert.Empty(starts.Take(Self)); // the first look only learns the threads there are

        using var release = new ManualResetEventSlim();
        var probes = Enumerable.Range(0, 3).Select(_ => new Thread(() => release.Wait()) { Name = "soak-probe", IsBackground = true }).ToList();
        probes.ForEach(t => t.Start());
        starts.Poll([Self]);
        release.Set();
        probes.ForEach(t => t.Join());

        Assert.Equal(3, starts.Take(Self).GetValueOrDefault("soak-probe"));
        Assert.Empty(starts.Take(Self)); // taken
        starts.Poll([Self]); // the probes ended: an end is not a start
        Assert.Equal(0, starts.Take(Self).GetValueOrDefault("soak-probe"));
    }

    [Fact]
    public void A_process_that_is_gone_is_skipped()
    {
        var starts = new ThreadStarts();
        starts.Poll([int.MaxValue, Self]);
        starts.Poll([int.MaxValue, Self]);
        Assert.Empty(starts.Take(int.MaxValue));
    }
}
