namespace Valkka.Nodes.Stats;

/// <summary>A client's counters for one of its cameras; WantedFps null: every frame.</summary>
public sealed record ClientCameraRow(string CameraId, bool Attached,
    [property: Counter("valkka.client.frames.analyzed", "Frames the client's analyzer ran on")] long Analyzed,
    [property: Counter("valkka.client.frames.skipped", "Frames the client missed because it was busy (latest wins)")] long Skipped,
    [property: Counter("valkka.client.frames.stale", "Announced frames already overwritten when the client leased them")] long Stale,
    [property: Counter("valkka.client.frames.skipped_for_rate", "Frames left out on purpose: not due at the rate the client asked for")]
    long SkippedForRate = 0,
    double? WantedFps = null)
{
    [Counter("valkka.client.frames.failed", "Frames the client's analyzer failed on (it threw or answered AnalysisFailed); not counted as analyzed")]
    public long Failed { get; init; }

    [Counter("valkka.client.frames.skipped_starting", "Frames not analyzed, and not leased, because the analyzer was not ready: its Python worker starting or restarting")]
    public long SkippedStarting { get; init; }
}
