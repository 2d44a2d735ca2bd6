using Valkka.Chaos.Soak;

namespace Valkka.Chaos.Tests;

public class PeakGrowthTests
{
    [Fact]
    public void A_bounded_swing_has_the_same_peaks_at_the_start_and_the_end()
    {
        // Threads 22-26 in no order, and a heap sawtooth whose teeth fall anywhere: 0 % either way.
        Assert.Equal(0, PeakGrowth.Percent([22, 26, 23, 22, 24, 26, 25, 22, 23, 24, 26, 22, 24, 23, 25, 26, 22, 24, 23, 22, 26, 25, 24, 22, 23]));
        Assert.Equal(0, PeakGrowth.Percent([40, 55, 69, 41, 56, 69, 40, 54, 68, 41, 69, 40, 55, 69, 42, 57, 69, 40, 55, 69]));
    }

    [Fact]
    public void A_leak_raises_the_peaks_even_under_a_swing()
    {
        // +1 per sample under a swing of 10: the last fifth's peak is about 20 above the first's.
        var values = Enumerable.Range(0, 25).Select(i => 100.0 + i + (i % 3) * 5).ToList();
        Assert.InRange(PeakGrowth.Percent(values)!.Value, 15, 25);
    }

    [Fact]
    public void A_sawtooth_whose_floor_rises_shows_in_its_troughs_not_its_peaks()
    {
        // A GC heap collected back to a floor that gains 1 a tooth, with teeth topping out at the same 69: the peaks
        // stay, the troughs (what survives a collection) grow 40 -> 52.
        var values = Enumerable.Range(0, 25).Select(i => i % 2 == 0 ? 40.0 + i / 2 : 69).ToList();
        Assert.Equal(0, PeakGrowth.Percent(values));
        Assert.InRange(PeakGrowth.TroughPercent(values)!.Value, 20, 30);
        Assert.Equal(0, PeakGrowth.TroughPercent([40, 55, 69, 41, 56, 69, 40, 54, 68, 41, 69, 40, 55, 69, 42, 57, 69, 40, 55, 69]));
    }

    [Fact]
    public void Too_few_samples_give_no_figure()
    {
        Assert.Null(PeakGrowth.Percent([1, 2, 3]));
        Assert.Null(PeakGrowth.Percent([0, 0, 1, 1]));
    }
}
