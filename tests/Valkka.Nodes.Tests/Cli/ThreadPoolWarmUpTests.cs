using Valkka.Nodes.Node;

namespace Valkka.Nodes.Tests.Cli;

public class ThreadPoolWarmUpTests
{
    [Fact]
    public void The_pool_holds_the_workers_asked_for_though_idle_ones_take_some_items_and_keeps_its_minimum()
    {
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPoolWarmUp.Run(ThreadPool.ThreadCount + 4, TimeSpan.FromSeconds(30)); // idle workers, which take some of the items
        int wanted = ThreadPool.ThreadCount + 6;

        int count = ThreadPoolWarmUp.Run(wanted, TimeSpan.FromSeconds(30));

        Assert.True(count >= wanted, $"{count} pool threads, {wanted} asked for");
        ThreadPool.GetMinThreads(out int minWorkersAfter, out int minIoAfter);
        Assert.Equal((minWorkers, minIo), (minWorkersAfter, minIoAfter));
    }

    [Fact]
    public void Asking_for_no_workers_is_an_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadPoolWarmUp.Run(0, TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task A_warm_up_stopped_before_its_delay_starts_nothing()
    {
        using var stop = new CancellationTokenSource();
        var warmUp = ThreadPoolWarmUp.RunLaterAsync(TimeSpan.FromMinutes(5), ThreadPool.ThreadCount + 50, stop.Token);
        await stop.CancelAsync();

        await warmUp.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(ThreadPool.ThreadCount < 50 + 8, $"{ThreadPool.ThreadCount} pool threads");
    }
}
