namespace Valkka.Chaos.Soak;

/// <summary>
/// Growth of a measure's peaks: the highest value of the last fifth of the window against the highest
/// of its first fifth, in percent. A measure that swings within bounds (a GC heap between collections,
/// a thread pool adding and retiring a worker) has the same peaks in both; one that leaks reaches
/// higher ones. Each fifth holds at least 2 samples.
/// </summary>
public static class PeakGrowth
{
    /// <summary>Null with fewer than 4 values or a first peak that is not positive.</summary>
    public static double? Percent(IReadOnlyList<double> values)
    {
        if (values.Count < 4) return null;
        var part = Math.Max(2, values.Count / 5);
        var first = values.Take(part).Max();
        var last = values.Skip(values.Count - part).Max();
        return first <= 0 ? null : Math.Round(100 * (last - first) / first, 1);
    }
}
