namespace Valkka.Bench;

/// <summary>Nearest-rank percentiles over a set of samples (e.g. latencies in microseconds).</summary>
public static class Percentiles
{
    public static double Of(ReadOnlySpan<double> sortedSamples, double percent)
    {
        if (sortedSamples.IsEmpty) throw new ArgumentException("no samples", nameof(sortedSamples));
        int rank = (int)Math.Ceiling(percent / 100.0 * sortedSamples.Length);
        return sortedSamples[Math.Clamp(rank - 1, 0, sortedSamples.Length - 1)];
    }

    /// <summary>p50, p90, p99 and max of the samples (sorted in place).</summary>
    public static LatencySummary Summarize(double[] samples)
    {
        Array.Sort(samples);
        return new LatencySummary(samples.Length, Of(samples, 50), Of(samples, 90), Of(samples, 99), samples[^1]);
    }
}

public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max);
