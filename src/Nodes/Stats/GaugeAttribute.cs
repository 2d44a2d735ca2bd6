namespace Valkka.Nodes.Stats;

/// <summary>Marks a report field that is a current value, exported as a Prometheus gauge.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class GaugeAttribute(string metric, string description) : Attribute
{
    public string Metric { get; } = metric;
    public string Description { get; } = description;
    public string Unit { get; init; } = "{frame}";
    /// <summary>The label naming the row, when not the row's usual one.</summary>
    public string? Label { get; init; }
}
