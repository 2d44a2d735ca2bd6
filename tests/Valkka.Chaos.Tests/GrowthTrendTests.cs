using Valkka.Chaos.Soak;

namespace Valkka.Chaos.Tests;

public class GrowthTrendTests
{
    private static List<(double, double)> Minutes(params double[] values) => values.Select((v, i) => (i * 60.0, v)).ToList();

    [Fact]
    public void A_steady_rise_is_its_growth_over_the_window()
    {
        // 100 -> 110 in equal steps: the line rises 10 over a mean of 105.
        Assert.Equal(9.5, GrowthTrend.Percent(Minutes(100, 102.5, 105, 107.5, 110)));
    }

    [Fact]
    public void A_sawtooth_without_a_rise_shows_a_fraction_of_what_its_last_sample_against_its_first_shows()
    {
        // A heap collected every third minute: last against first says +50 % and -33 % by where the two
        // samples fall; the line says single digits either way (the shape within a tooth, not growth).
        double[] tooth = [40, 50, 60];
        Assert.InRange(GrowthTrend.Percent(Minutes([.. Enumerable.Repeat(tooth, 8).SelectMany(t => t)]))!.Value, -7, 7);
        double[] shifted = [50, 60, 40];
        Assert.InRange(GrowthTrend.Percent(Minutes([.. Enumerable.Repeat(shifted, 8).SelectMany(t => t)]))!.Value, -7, 7);
    }

    [Fact]
    public void Too_few_samples_or_nothing_to_measure_give_no_figure()
    {
        Assert.Null(GrowthTrend.Percent(Minutes(1, 2)));
        Assert.Null(GrowthTrend.Percent(Minutes(0, 0, 0)));
    }
}
