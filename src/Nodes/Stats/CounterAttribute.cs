namespace Valkka.Nodes.Stats;

/// <summary>
/// Marks a report field that only grows while its actor lives: the run sums it over a node's incarnations,
/// the metrics never show it going back, and with a metric name it is exported as a Prometheus counter.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CounterAttribute(string? metric = null, string? description = null) : Attribute
{
    public string? Metric { get; } = metric;
    public string? Description { get; } = description;
    public string Unit { get; init; } = "{frame}";
    /// <summary>The label naming the row, when not the row's usual one (e.g. "ring" for a camera's ring).</summary>
    public string? Label { get; init; }

    /// <summary>
    /// A count the cluster keeps, not the row's actor (a placed camera's moves): the node reports the cluster's
    /// total, so it is not summed over incarnations; it still never goes back in the metrics.
    /// </summary>
    public bool OfCluster { get; init; }
}
