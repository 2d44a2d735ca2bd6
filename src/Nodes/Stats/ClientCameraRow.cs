namespace Valkka.Nodes.Stats;

/// <summary>A client's counters for one of its cameras; WantedFps null: every frame.</summary>
public sealed record ClientCameraRow(string CameraId, bool Attached, long Analyzed, long Skipped, long Stale,
    long SkippedForRate = 0, double? WantedFps = null);
