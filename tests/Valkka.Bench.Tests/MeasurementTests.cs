namespace Valkka.Bench.Tests;

public class MeasurementTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_run()
    {
        var m = Measurement.Of([5, 1, 3]);
        Assert.Equal((3.0, 1.0, 5.0), (m.Median, m.Min, m.Max));
        Assert.Equal([5.0, 1, 3], m.Runs); // runs keep their order
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Measurement.Of([4, 1, 2, 3]).Median);
    }

    [Fact]
    public void No_runs_is_an_error() => Assert.Throws<ArgumentException>(() => Measurement.Of([]));

    [Fact]
    public void Percentiles_use_nearest_rank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray();
        var s = Percentiles.Summarize(samples);
        Assert.Equal((100, 50.0, 90.0, 99.0, 100.0), (s.Count, s.P50, s.P90, s.P99, s.Max));
    }
}
