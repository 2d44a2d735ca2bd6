using Valkka.Media.Pacing;

namespace Valkka.Media.Decoding;

/// <summary>
/// Counters shared between a decoder's thread and its readers. Read = Decoded + NotDecoded + Lost +
/// DiscardedBehind (+ frames still inside the decoder); Decoded = Delivered + NotConverted + Dropped.
/// </summary>
internal sealed class DecoderStats
{
    /// <summary>Video packets read (one picture each).</summary>
    public long Read;
    /// <summary>Skipped on purpose without decoding: discarded packets and frames libavcodec skipped as asked.</summary>
    public long NotDecoded;
    /// <summary>Sent to the decoder while it was asked to decode them, and never came out (damaged, undecodable).</summary>
    public long Lost;
    /// <summary>Wanted at the readers' rate, but discarded unread while the session skipped to its newest keyframe (behind real time).</summary>
    public long DiscardedBehind;
    /// <summary>Unix ms when the session's current episode behind real time began; 0: keeping up (<see cref="BehindRealTime"/>).</summary>
    public long BehindSinceUnixMs;
    /// <summary>The stream's own frame rate (0: unknown).</summary>
    public double NativeFps;
    public long Decoded;
    /// <summary>Decoded but not wanted at the current rate: no RGB conversion, no target.</summary>
    public long NotConverted;
    public long Delivered;
    /// <summary>Wanted, but the target refused them (full).</summary>
    public long Dropped;
    /// <summary>Stopwatch ticks spent in libavcodec (sending packets, receiving frames) on the decoder's thread.</summary>
    public long DecodeTicks;

    public DecoderCounters Snapshot() => new(
        Interlocked.Read(ref Read), Interlocked.Read(ref Decoded), Interlocked.Read(ref NotDecoded), Interlocked.Read(ref Lost),
        Interlocked.Read(ref NotConverted), Interlocked.Read(ref Delivered), Interlocked.Read(ref Dropped))
    {
        DecodeSeconds = (double)Interlocked.Read(ref DecodeTicks) / System.Diagnostics.Stopwatch.Frequency,
        DiscardedBehind = Interlocked.Read(ref DiscardedBehind),
        BehindSince = Volatile.Read(ref BehindSinceUnixMs) is var ms and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        NativeFps = Volatile.Read(ref NativeFps),
    };
}
