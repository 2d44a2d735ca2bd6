namespace Valkka.Actors.Messages;

// The status conversation: stats on request, camera status to subscribers.

/// <summary>Ask any camera, client or master actor; it replies with CameraStats, ClientStats or MasterStats.</summary>
public sealed record GetStats
{
    public static readonly GetStats Instance = new();
}

/// <summary>
/// Status is the lowercase camera state: connecting, streaming, reconnecting, failed, stopped.
/// SkippedForRate: frames left out on purpose (not decoded, or decoded and not converted) because no
/// reader wanted them at its rate; Lost: frames sent to the decoder that never came out (damaged);
/// DiscardedBehind: frames wanted at the readers' rate and discarded unread while the decoder was behind
/// real time and skipped to its newest keyframe; Dropped: frames wanted and not written (ring or target
/// full); DroppedBusy: those of Dropped that the camera's own node was too busy to announce (its actor a ring
/// behind the decoder: CPU starved, not a reader holding slots). WantedFps: the highest rate a current reader wants (+inf every frame, 0 no reader). Read: video
/// packets read from the source, whatever became of them (its rate is the stream's while the camera keeps
/// real time, more while it catches up). BehindSince: when the current episode behind real time began
/// (null: keeping up). NativeFps: the stream's own rate (0: unknown).
/// </summary>
public sealed record CameraStats(string CameraId, string Status, string? Reason, long Decoded, long Dropped, double Fps,
    long SkippedForRate = 0, long Lost = 0, double WantedFps = double.PositiveInfinity, long Read = 0,
    long DiscardedBehind = 0, DateTimeOffset? BehindSince = null, double NativeFps = 0, long DroppedBusy = 0);

/// <summary>
/// Analyzed frames, frames skipped for this client (latest wins: it was busy), stale announcements,
/// analyzer results; SkippedForRate: frames announced and left out on purpose (not due at the client's rate).
/// </summary>
public sealed record ClientStats(string ClientId, long Analyzed, long Skipped, long Stale, long Results, double Fps, long SkippedForRate = 0)
{
    /// <summary>When the client read these counters (Unix ms): rates over a window are exact between two such stamps.</summary>
    public long AtUnixMs { get; init; }
}

public sealed record MasterStats(string MasterId, long Batches, long Frames, long Results, double MeanBatchSize, double MeanAnalyzerMs);

/// <summary>Subscribe the sender to a camera's status changes; it gets the current status at once.</summary>
public sealed record SubscribeStatus;

public sealed record UnsubscribeStatus;

/// <summary>A camera's status changed (or the current one, on SubscribeStatus).</summary>
public sealed record CameraStatusChanged(string CameraId, string Status, string? Reason, DateTimeOffset At);

/// <summary>More counters than CameraStats: published frames, readers, leases reclaimed.</summary>
public sealed record GetCameraDetails;

/// <remarks>
/// The decoder's counters: Read (video packets) = Decoded + SkippedUndecoded + Lost + DiscardedBehind (+ the
/// few inside the decoder); Decoded = Published + SkippedUnconverted + frames the ring could not take.
/// </remarks>
public sealed record CameraDetails(string CameraId, string Status, long Published, long Decoded, long Dropped,
    int Readers, long LeasesCleared, long LeasesExpired, int LeasedSlots, RingDescriptor? Ring)
{
    public long Read { get; init; }
    public long SkippedUndecoded { get; init; }
    public long SkippedUnconverted { get; init; }
    public long Lost { get; init; }
    /// <summary>Frames wanted and discarded unread while the decoder was behind real time.</summary>
    public long DiscardedBehind { get; init; }
    public double WantedFps { get; init; } = double.PositiveInfinity;
    /// <summary>Times the camera went from streaming (or connecting) to reconnecting.</summary>
    public long Reconnects { get; init; }
    /// <summary>Seconds the decoder spent in libavcodec (pacing excluded).</summary>
    public double DecodeSeconds { get; init; }
    /// <summary>How long the oldest lease still held in the ring has been held (0: none).</summary>
    public double OldestLeaseSeconds { get; init; }
    /// <summary>Times the camera found its ring's header or lease bits overwritten by another process and repaired them.</summary>
    public long RingRepairs { get; init; }
}

/// <summary>A client's per-camera view: attached or not, which ring, counters.</summary>
public sealed record GetClientDetails;

/// <summary>
/// Notify: how this camera's frames reach the client (see <see cref="FrameNotify"/>). A doorbell
/// reader's flow counts (published, sent, skipped, pending, credit) are kept by the client's watcher,
/// not by the camera: they are in WatcherCounters. WatchedOnOwnThread: the client's own thread sleeps
/// on the doorbell (no watcher thread).
/// </summary>
public sealed record ClientCameraDetails(string CameraId, bool Attached, string? Ring, int Attachments,
    long Analyzed, long Skipped, long Stale, string? LastError, FrameNotify Notify = FrameNotify.Remote,
    ReaderCounters? WatcherCounters = null, bool WatchedOnOwnThread = false)
{
    /// <summary>Frames of this camera left out on purpose: not due at WantedFps.</summary>
    public long SkippedForRate { get; init; }
    /// <summary>How many frames a second the client asked this camera for (+inf: every frame).</summary>
    public double WantedFps { get; init; } = double.PositiveInfinity;
    /// <summary>Frames refused because the ring's entry was corrupt (garbage from another process); counted in Stale too.</summary>
    public long Corrupt { get; init; }
    /// <summary>What the latest corrupt entry looked like (null: none).</summary>
    public string? LastCorruption { get; init; }
    /// <summary>Frames the analyzer failed on (it threw, or answered AnalysisFailed); not counted in Analyzed.</summary>
    public long Failed { get; init; }
    /// <summary>Frames not analyzed because the analyzer was not ready (its Python worker starting or restarting); no lease taken.</summary>
    public long SkippedStarting { get; init; }
}

/// <summary>MasterChannel: how requests to the master and its results travel.</summary>
public sealed record ClientDetails(string ClientId, IReadOnlyList<ClientCameraDetails> Cameras,
    long Forwarded, long DerivedDropped, long MasterResults, MasterChannelKind MasterChannel = MasterChannelKind.Akka)
{
    /// <summary>What the analyzer waits for while it cannot analyze (e.g. its Python worker starting); null: ready.</summary>
    public string? AnalyzerWaiting { get; init; }
    /// <summary>Frames to forward that were not sent because the master (placed by the cluster) ran nowhere.</summary>
    public long NotSentToMaster { get; init; }
    /// <summary>Why forwarded frames do not reach the master now (it runs nowhere); null: they do, or there is no master.</summary>
    public string? MasterWaiting { get; init; }
}

/// <summary>More counters than MasterStats: stale frames, per-client latest-wins skips, largest batch.</summary>
public sealed record GetMasterDetails;

/// <summary>
/// Channels: clients whose requests and results go through same-host shared-memory queues;
/// ChannelsOnOwnThread: of those, the queues the master's own thread reads (no reader thread each).
/// </summary>
public sealed record MasterDetails(string MasterId, long Batches, long Frames, long Stale, long Skipped, int MaxBatchSeen,
    int Clients, IReadOnlyList<int> BatchSizes, int Channels = 0, int ChannelsOnOwnThread = 0)
{
    /// <summary>Batches the analyzer could not analyze (it threw, miscounted or timed out): their clients got AnalysisFailed.</summary>
    public long FailedBatches { get; init; }
    /// <summary>Analyzer calls abandoned at the master's analyze timeout.</summary>
    public long TimedOutCalls { get; init; }
    /// <summary>Frames of the failed batches.</summary>
    public long FailedFrames { get; init; }
    /// <summary>Requests not taken (no lease) because the analyzer was not ready (its Python worker starting or restarting).</summary>
    public long SkippedStarting { get; init; }
    /// <summary>What the analyzer waits for while it cannot analyze (e.g. its Python worker starting); null: ready.</summary>
    public string? AnalyzerWaiting { get; init; }
}

/// <summary>Ask a camera to stop decoding but stay up (ring, readers and counters kept); it replies DecodingStopped.</summary>
public sealed record StopDecoding;

public sealed record DecodingStopped(string CameraId, long Published);
