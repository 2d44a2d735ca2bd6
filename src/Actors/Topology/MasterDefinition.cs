using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

public sealed record MasterDefinition(
    string Id, string Node, AnalyzerDefinition Analyzer, int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient)
{
    /// <summary>Longest one analyzer call may take (key analyze-timeout).</summary>
    public TimeSpan AnalyzeTimeout { get; init; } = Masters.MasterSettings.DefaultAnalyzeTimeout;

    /// <summary>Key placement: where the cluster may place the master (then Node is empty until it is placed); null: on Node.</summary>
    public PlacementDefinition? Placement { get; init; }
}
