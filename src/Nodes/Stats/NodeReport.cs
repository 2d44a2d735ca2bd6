namespace Valkka.Nodes.Stats;

/// <summary>What one node reports once a second: the counters of every actor it runs.</summary>
public sealed record NodeReport(
    string Node,
    long AtUnixMs,
    IReadOnlyList<CameraRow> Cameras,
    IReadOnlyList<ClientRow> Clients,
    IReadOnlyList<MasterRow> Masters)
{
    /// <summary>The node process's managed heap after its last collection (GCMemoryInfo.HeapSizeBytes); 0: not reported.</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>The relays this node runs for its host (cameras of other hosts decoded here).</summary>
    public IReadOnlyList<RelayRow> Relays { get; init; } = [];

    /// <summary>What this node's cameras sent to each relay of another host.</summary>
    public IReadOnlyList<PublisherRow> Publishers { get; init; } = [];
}

/// <summary>A relay of camera CameraId on this node's host: its decoder's counters and its upstream's.</summary>
public sealed record RelayRow(string CameraId, string Status, long PacketsReceived, long Decoded, long LostOnWire, long QueueDropped,
    long DroppedUpstream, double Fps);

/// <summary>What camera CameraId's publisher sent to one relay (RelayId: "node/camera" of the relay); TapDropped is the camera's, for all relays.</summary>
public sealed record PublisherRow(string CameraId, string RelayId, long Sent, long Bytes, long DroppedNoCredit, long SkippedToKeyframe,
    long InFlight, long TapDropped);

public sealed record CameraRow(string Id, string Status, string? Reason, long Decoded, long Dropped, double Fps)
{
    public int Readers { get; init; }
    public long LeasesCleared { get; init; }
    public long LeasesExpired { get; init; }
    /// <summary>Frames left out on purpose (not decoded, or not converted): no reader wanted them at its rate.</summary>
    public long SkippedForRate { get; init; }
    /// <summary>Frames sent to the decoder that never came out (damaged, undecodable).</summary>
    public long Lost { get; init; }
    /// <summary>Frames wanted at the readers' rate and discarded unread while the decoder was behind real time (skipping to its newest keyframe).</summary>
    public long DiscardedBehind { get; init; }
    /// <summary>When the camera's current episode behind real time began; null: keeping up.</summary>
    public DateTimeOffset? BehindSince { get; init; }
    /// <summary>The stream's own frame rate (0: unknown).</summary>
    public double NativeFps { get; init; }
    /// <summary>Frames written into the ring.</summary>
    public long Published { get; init; }
    /// <summary>The highest rate a current reader wants; null: every frame (0: no reader).</summary>
    public double? WantedFps { get; init; }
    public long Reconnects { get; init; }
    /// <summary>Seconds the decoder spent in libavcodec.</summary>
    public double DecodeSeconds { get; init; }
    public int RingSlots { get; init; }
    public int LeasedSlots { get; init; }
    /// <summary>How long the oldest lease still held in the ring has been held (0: none).</summary>
    public double OldestLeaseSeconds { get; init; }
}

public sealed record ClientRow(string Id, long Analyzed, long Skipped, long Stale, long Results, double Fps)
{
    /// <summary>
    /// When the client read its counters (Unix ms; 0: not reported). The report's AtUnixMs is taken after
    /// every actor of the node answered, so it can be later by the slowest answer: time rates by this.
    /// </summary>
    public long AtUnixMs { get; init; }
    public long Forwarded { get; init; }
    public long MasterResults { get; init; }
    /// <summary>Frames announced and left out on purpose: not due at the rate the client asked for.</summary>
    public long SkippedForRate { get; init; }
    public IReadOnlyList<ClientCameraRow> PerCamera { get; init; } = [];
}

/// <summary>A client's counters for one of its cameras; WantedFps null: every frame.</summary>
public sealed record ClientCameraRow(string CameraId, bool Attached, long Analyzed, long Skipped, long Stale,
    long SkippedForRate = 0, double? WantedFps = null);

public sealed record MasterRow(string Id, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs)
{
    public long Stale { get; init; }
    public int Clients { get; init; }
}
