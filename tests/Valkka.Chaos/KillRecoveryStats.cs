namespace Valkka.Chaos;

/// <summary>
/// The kills of one kind of node (camera, client, master, or "all"): how many, the 50th and 95th
/// percentile and the longest of the recoveries, how many did not recover within the limit and how
/// many of those left clients deaf (the node came back, its clients never reached 90 %).
/// </summary>
public sealed record KillRecoveryStats(string Kind, int Kills, double? P50, double? P95, double? Max, int NotRecovered, int Deaf)
{
    public static KillRecoveryStats Of(string kind, IReadOnlyCollection<FaultResult> kills)
    {
        var times = kills.Where(k => k.RecoverySeconds is not null).Select(k => k.RecoverySeconds!.Value).Order().ToList();
        return new KillRecoveryStats(kind, kills.Count, Percentile(times, 0.5), Percentile(times, 0.95), times.Count == 0 ? null : times[^1],
            kills.Count(k => k.RecoverySeconds is null), kills.Count(k => k.Deaf));
    }

    /// <summary>The nearest-rank percentile of sorted values (null for none).</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
