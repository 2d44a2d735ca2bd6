namespace Valkka.Nodes.Stats;

/// <summary>Counters summed over a node's incarnations; Latest is the current incarnation's own report.</summary>
public sealed record Totals<T>(string Node, T Total, T Latest, DateTimeOffset At, long WindowCount, double WindowSeconds);
