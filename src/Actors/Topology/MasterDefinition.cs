using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

public sealed record MasterDefinition(
    string Id, string Node, AnalyzerDefinition Analyzer, int MaxBatchSize, TimeSpan MaxWait, int MaxInFlightPerClient)
{
    /// <summary>Longest one analyzer call may take (key analyze-timeout).</summary>
    public TimeSpan AnalyzeTimeout { get; init; } = Masters.MasterSettings.DefaultAnalyzeTimeout;
}
