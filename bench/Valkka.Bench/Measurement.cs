namespace Valkka.Bench;

/// <summary>The median, min and max of one figure over repeated runs (noisy machine: never one run).</summary>
public sealed record Measurement(double Median, double Min, double Max, IReadOnlyList<double> Runs)
{
    public static Measurement Of(IEnumerable<double> runs)
    {
        var sorted = runs.ToArray();
        if (sorted.Length == 0) throw new ArgumentException("a measurement needs at least one run", nameof(runs));
        Array.Sort(sorted);
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Measurement(median, sorted[0], sorted[^1], runs.ToArray());
    }

    public override string ToString() => $"{Median:G4} ({Min:G4}-{Max:G4})";
}
