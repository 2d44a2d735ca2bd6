namespace Valkka.Chaos.Soak;

/// <summary>
/// Growth of a measure's peaks: the highest value of the last fifth of the window against the highest
/// of its first fifth, in percent. A measure that swings within bounds (a GC heap between collections,
/// a thread pool adding and retiring a worker) has the same peaks in both; one that leaks reaches
/// higher ones. Each fifth holds at least 2 samples. <see cref="TroughPercent"/> does the same with the lowest
/// values: under a GC's sawtooth the troughs (what survives a collection) show growth that a single sample hides.
/// </summary>
public static class PeakGrowth
{
    /// <summary>Null with fewer than 4 values or a first peak that is not positive.</summary>
    public static double? Percent(IReadOnlyList<double> values) => Fifths(values, Enumerable.Max);

    /// <summary>The lowest value of the last fifth against the lowest of the first, in percent; null as for <see cref="Percent"/>.</summary>
    public static double? TroughPercent(IReadOnlyList<double> values) => Fifths(values, Enumerable.Min);

    private static double? Fifths(IReadOnlyList<double> values, Func<IEnumerable<double>, double> pick)
    {
        if (values.Count < 4) return null;
        var part = Math.Max(2, values.Count / 5);
        var first = pick(values.Take(part));
        var last = pick(values.Skip(values.Count - part));
        return first <= 0 ? null : Math.Round(100 * (last - first) / first, 1);
    }
}
