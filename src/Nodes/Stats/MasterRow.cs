namespace Valkka.Nodes.Stats;

public sealed record MasterRow(string Id, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs)
{
    public long Stale { get; init; }
    public int Clients { get; init; }
}
