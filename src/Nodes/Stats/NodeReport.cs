namespace Valkka.Nodes.Stats;

/// <summary>What one node reports once a second: the counters of every actor it runs.</summary>
public sealed record NodeReport(
    string Node,
    long AtUnixMs,
    IReadOnlyList<CameraRow> Cameras,
    IReadOnlyList<ClientRow> Clients,
    IReadOnlyList<MasterRow> Masters);

public sealed record CameraRow(string Id, string Status, string? Reason, long Decoded, long Dropped, double Fps);

public sealed record ClientRow(string Id, long Analyzed, long Skipped, long Stale, long Results, double Fps);

public sealed record MasterRow(string Id, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs);
