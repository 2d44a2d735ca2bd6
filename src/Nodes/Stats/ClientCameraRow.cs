namespace Valkka.Nodes.Stats;

/// <summary>A client's counters for one of its cameras; WantedFps null: every frame.</summary>
public sealed record ClientCameraRow(string CameraId, bool Attached,
    [property: Counter("valkka.client.frames.analyzed", "Frames the client's analyzer ran on")] long Analyzed,
    [property: Counter("valkka.client.frames.skipped", "Frames the client missed because it was busy (latest wins)")] long Skipped,
    [property: Counter("valkka.client.frames.stale", "Announced frames already overwritten when the client leased them")] long Stale,
    [property: Counter("valkka.client.frames.skipped_for_rate", "Frames left out on purpose: not due at the rate the client asked for")]
    long SkippedForRate = 0,
    double? WantedFps = null);
