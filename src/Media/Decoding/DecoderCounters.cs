namespace Valkka.Media.Decoding;

/// <summary>
/// What a decoder did with the frames of its stream. Skipped counts what was left out on purpose
/// (the wanted rate did not need it); Lost (damaged: sent to the decoder, never came out),
/// DiscardedBehind (wanted, discarded while behind real time) and Dropped (the target was full) count
/// what was wanted and did not arrive. Read = Decoded + SkippedUndecoded + Lost + DiscardedBehind, plus
/// the few frames still inside the decoder; Decoded = Delivered + SkippedUnconverted + Dropped.
/// </summary>
public readonly record struct DecoderCounters(long Read, long Decoded, long SkippedUndecoded, long Lost,
                                              long SkippedUnconverted, long Delivered, long Dropped)
{
    /// <summary>Time spent in libavcodec decoding (sending packets and receiving frames), pacing excluded.</summary>
    public double DecodeSeconds { get; init; }

    /// <summary>Frames the readers' rate wanted that were discarded unread while the decoder skipped to its newest keyframe, behind real time.</summary>
    public long DiscardedBehind { get; init; }

    /// <summary>When the current episode behind real time began (the decoder cannot keep up and skips); null: keeping up.</summary>
    public DateTimeOffset? BehindSince { get; init; }

    /// <summary>The stream's own frame rate as its container or codec gives it (0: unknown).</summary>
    public double NativeFps { get; init; }
}
