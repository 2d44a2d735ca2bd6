namespace Valkka.Chaos.Soak;

/// <summary>
/// Growth of a measure over a window as its least-squares line sees it: the line's rise from the
/// window's first to its last sample, in percent of the window's mean. A sawtooth (a GC heap between
/// collections, a thread pool growing and shrinking by a thread or two) moves "last sample against
/// first" by wherever the two samples fall in it; the line follows only what keeps rising.
/// </summary>
public static class GrowthTrend
{
    /// <summary>Null when there are fewer than 3 points or the mean is not positive.</summary>
    public static double? Percent(IReadOnlyList<(double Seconds, double Value)> points)
    {
        if (points.Count < 3) return null;
        var meanT = points.Average(p => p.Seconds);
        var meanV = points.Average(p => p.Value);
        if (meanV <= 0) return null;
        var spread = points.Sum(p => (p.Seconds - meanT) * (p.Seconds - meanT));
        if (spread <= 0) return null;
        var slope = points.Sum(p => (p.Seconds - meanT) * (p.Value - meanV)) / spread;
        return Math.Round(100 * slope * (points[^1].Seconds - points[0].Seconds) / meanV, 1);
    }
}
