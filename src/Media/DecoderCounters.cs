namespace Valkka.Media;

/// <summary>
/// What a decoder did with the frames of its stream. Skipped counts what was left out on purpose
/// (the wanted rate did not need it); Lost and Dropped count what was wanted and did not arrive.
/// Read = Decoded + SkippedUndecoded + Lost, plus the few frames still inside the decoder;
/// Decoded = Delivered + SkippedUnconverted + Dropped.
/// </summary>
public readonly record struct DecoderCounters(long Read, long Decoded, long SkippedUndecoded, long Lost,
                                              long SkippedUnconverted, long Delivered, long Dropped)
{
    /// <summary>Time spent in libavcodec decoding (sending packets and receiving frames), pacing excluded.</summary>
    public double DecodeSeconds { get; init; }
}
