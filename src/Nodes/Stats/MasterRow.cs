namespace Valkka.Nodes.Stats;

public sealed record MasterRow(string Id, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs)
{
    public long Stale { get; init; }
    /// <summary>Requests replaced by a newer one of the same client while waiting for a batch (latest wins).</summary>
    public long Skipped { get; init; }
    public int Clients { get; init; }
}
