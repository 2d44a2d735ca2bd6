namespace Valkka.Nodes.Stats;

/// <summary>What one node reports once a second: the counters of every actor it runs.</summary>
public sealed record NodeReport(
    string Node,
    long AtUnixMs,
    IReadOnlyList<CameraRow> Cameras,
    IReadOnlyList<ClientRow> Clients,
    IReadOnlyList<MasterRow> Masters);

public sealed record CameraRow(string Id, string Status, string? Reason, long Decoded, long Dropped, double Fps)
{
    public int Readers { get; init; }
    public long LeasesCleared { get; init; }
    public long LeasesExpired { get; init; }
}

public sealed record ClientRow(string Id, long Analyzed, long Skipped, long Stale, long Results, double Fps)
{
    public long Forwarded { get; init; }
    public long MasterResults { get; init; }
    public IReadOnlyList<ClientCameraRow> PerCamera { get; init; } = [];
}

/// <summary>A client's counters for one of its cameras.</summary>
public sealed record ClientCameraRow(string CameraId, bool Attached, long Analyzed, long Skipped, long Stale);

public sealed record MasterRow(string Id, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs)
{
    public long Stale { get; init; }
    public int Clients { get; init; }
}
