using Valkka.Media.Sources;

namespace Valkka.Media.Sessions;

/// <summary>
/// Sees a camera's encoded video packets as they are read, before they are decoded (on the decoder's
/// thread), e.g. to send them to a decoder on another host. Active is read once per packet: while it
/// is false, nothing is copied or called for that packet.
/// </summary>
public interface IPacketTap
{
    bool Active { get; }

    /// <summary>A session opened the stream (every connection, reconnect included): its format, then its packets.</summary>
    void StreamOpened(StreamFormat format);

    /// <summary>A file that does not loop ended after its last packet (its last frames were drained out of the decoder).</summary>
    void StreamEnded();

    /// <summary>A video packet; data is valid only during the call.</summary>
    void Packet(ReadOnlySpan<byte> data, long pts, long dts, bool key, long streamFrameIndex, bool afterLoop);
}
