using Akka.Actor;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Actors.Relays;

/// <summary>
/// The camera decoder's packet tap on the camera's host: while a relay subscribes, copies each video
/// packet and hands it to the camera's <see cref="EncodedStreamPublisher"/>; otherwise it costs one
/// volatile read per packet. Never blocks the decoder: beyond MaxInFlight packets the publisher has
/// not handled yet, packets are dropped (counted; the relays then start again at a keyframe).
/// </summary>
internal sealed class PacketTap : IPacketTap
{
    internal sealed record Opened(StreamFormat Format);
    internal sealed record Ended;
    internal sealed record Tapped(StreamPacket Packet, bool Gap);

    private const int MaxInFlight = 128;
    private IActorRef _publisher = ActorRefs.Nobody;
    private volatile bool _active;
    private int _inFlight;
    private long _dropped;
    private bool _gap;

    public bool Active => _active;
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Before the decoder starts: where packets go.</summary>
    public void Connect(IActorRef publisher) => _publisher = publisher;

    /// <summary>The publisher has subscribers (true) or none (false).</summary>
    public void SetActive(bool active) => _active = active;

    /// <summary>The publisher handled one packet.</summary>
    public void Handled() => Interlocked.Decrement(ref _inFlight);

    public void StreamOpened(StreamFormat format) => _publisher.Tell(new Opened(format));

    public void StreamEnded() => _publisher.Tell(new Ended());

    public void Packet(ReadOnlySpan<byte> data, long pts, long dts, bool key, long streamFrameIndex, bool afterLoop)
    {
        if (Volatile.Read(ref _inFlight) >= MaxInFlight)
        {
            Interlocked.Increment(ref _dropped);
            _gap = true;
            return;
        }
        Interlocked.Increment(ref _inFlight);
        _publisher.Tell(new Tapped(new StreamPacket(data.ToArray(), pts, dts, key, streamFrameIndex, afterLoop), _gap));
        _gap = false;
    }
}
