using Valkka.Actors.Messages;

namespace Valkka.Nodes.Stats;

/// <summary>
/// One camera as its node reports it: the one record the live table, the summary JSON, the web view and
/// the metrics all read. A counter is a field with <see cref="CounterAttribute"/>; its meaning goes in docs/metrics.md.
/// </summary>
public sealed record CameraRow(string Id, string Status, string? Reason,
    [property: Counter("valkka.camera.frames.decoded", "Frames the camera's decoder decoded")] long Decoded,
    [property: Counter("valkka.camera.frames.dropped", "Frames wanted and not written: the ring or the target was full")] long Dropped,
    double Fps)
{
    /// <summary>When this actor started (Unix ms; 0: not known): a live change restarts an actor inside its node, and its counters start again.</summary>
    public long StartedAtUnixMs { get; init; }

    [Gauge("valkka.camera.readers", "Readers subscribed to the camera's ring", Unit = "{reader}")]
    public int Readers { get; init; }

    [Counter]
    public long LeasesCleared { get; init; }

    [Counter("valkka.ring.leases.expired", "Leases cleared because a reader held them longer than the lease timeout", Unit = "{lease}", Label = "ring")]
    public long LeasesExpired { get; init; }

    [Counter("valkka.camera.frames.skipped_for_rate", "Frames left out on purpose (not decoded, or not converted): no reader wanted them at its rate")]
    public long SkippedForRate { get; init; }

    [Counter("valkka.camera.frames.lost", "Frames sent to the decoder that never came out (damaged)")]
    public long Lost { get; init; }

    [Counter("valkka.camera.frames.discarded_behind",
        "Frames wanted at the readers' rate and discarded unread while the decoder was behind real time (skipping to its newest keyframe)")]
    public long DiscardedBehind { get; init; }

    [Counter("valkka.camera.frames.dropped_busy",
        "Frames of dropped that the camera's own node was too busy to announce (its actor a ring behind the decoder): CPU starved, not a reader holding slots")]
    public long DroppedBusy { get; init; }

    /// <summary>When the camera's current episode behind real time began; null: keeping up.</summary>
    public DateTimeOffset? BehindSince { get; init; }

    /// <summary>The stream's own frame rate (0: unknown).</summary>
    public double NativeFps { get; init; }

    [Counter("valkka.camera.frames.published", "Frames the camera wrote into its ring")]
    public long Published { get; init; }

    /// <summary>The highest rate a current reader wants; null: every frame (0: no reader).</summary>
    public double? WantedFps { get; init; }

    [Counter("valkka.camera.reconnects", "Times the camera lost its stream and began reconnecting", Unit = "{reconnect}")]
    public long Reconnects { get; init; }

    [Counter("valkka.camera.decode.time", "Time the camera's decoder spent in libavcodec (pacing excluded)", Unit = "s")]
    public double DecodeSeconds { get; init; }

    [Gauge("valkka.ring.slots", "Slots of the camera's ring", Unit = "{slot}", Label = "ring")]
    public int RingSlots { get; init; }

    [Gauge("valkka.ring.slots.leased", "Slots of the ring a reader holds a lease on (occupancy)", Unit = "{slot}", Label = "ring")]
    public int LeasedSlots { get; init; }

    [Gauge("valkka.ring.lease.oldest.age", "How long the oldest lease still held in the ring has been held (0: none)", Unit = "s", Label = "ring")]
    public double OldestLeaseSeconds { get; init; }

    /// <summary>The host key of the node that runs the camera (where its ring is).</summary>
    public string Host { get; init; } = "";

    /// <summary>"placed" (key placement: the cluster chose its node) or "pinned" (key node).</summary>
    public string Placement { get; init; } = "pinned";

    [Counter("valkka.placement.moves", "Times the cluster moved the placed camera to another node (its node lost, load evened out, or its role changed)",
        Unit = "{move}", OfCluster = true)]
    public long Moves { get; init; }

    /// <summary>The row of a camera's stats and details (null: they came late).</summary>
    public static CameraRow From(CameraStats stats, CameraDetails? details) =>
        new(stats.CameraId, stats.Status, stats.Reason, stats.Decoded, stats.Dropped, stats.Fps)
        {
            Readers = details?.Readers ?? 0,
            LeasesCleared = details?.LeasesCleared ?? 0,
            LeasesExpired = details?.LeasesExpired ?? 0,
            SkippedForRate = stats.SkippedForRate,
            Lost = stats.Lost,
            DiscardedBehind = stats.DiscardedBehind,
            DroppedBusy = stats.DroppedBusy,
            BehindSince = stats.BehindSince,
            NativeFps = stats.NativeFps,
            Published = details?.Published ?? 0,
            WantedFps = FiniteFps.Of(stats.WantedFps),
            Reconnects = details?.Reconnects ?? 0,
            DecodeSeconds = details?.DecodeSeconds ?? 0,
            RingSlots = details?.Ring?.SlotCount ?? 0,
            LeasedSlots = details?.LeasedSlots ?? 0,
            OldestLeaseSeconds = details?.OldestLeaseSeconds ?? 0,
        };
}
