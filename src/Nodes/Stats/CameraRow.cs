namespace Valkka.Nodes.Stats;

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
