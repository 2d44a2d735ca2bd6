using Valkka.Chaos.Soak;

namespace Valkka.Chaos.Tests;

public class ThreadNamesTests
{
    [Fact]
    public void The_threads_of_a_process_are_counted_by_their_name()
    {
        using var release = new ManualResetEventSlim();
        var probes = Enumerable.Range(0, 2).Select(_ => new Thread(() => release.Wait()) { Name = "names-probe", IsBackground = true }).ToList();
        probes.ForEach(t => t.Start());

        var names = ThreadNames.Of(Environment.ProcessId);

        release.Set();
        probes.ForEach(t => t.Join());
        Assert.NotNull(names);
        Assert.Equal(2, names.GetValueOrDefault("names-probe"));
    }

    [Fact]
    public void A_process_that_is_gone_has_no_threads() => Assert.Null(ThreadNames.Of(int.MaxValue));

    [Fact]
    public void The_difference_names_each_change_largest_first()
    {
        var before = new Dictionary<string, int> { [".NET TP Worker"] = 12, [".NET Tiered Com"] = 1, ["decoder"] = 2 };
        var after = new Dictionary<string, int> { [".NET TP Worker"] = 14, [".NET BGC"] = 1, ["decoder"] = 2 };

        Assert.Equal("+2 .NET TP Worker, +1 .NET BGC, -1 .NET Tiered Com", ThreadNames.Difference(before, after));
        Assert.Equal("no change", ThreadNames.Difference(after, after));
    }
}
