using Valkka.Media.Decoding;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Media.Tests.Support;

/// <summary>A packet tap that hands a camera's packets straight to a relay decoder, from packet FirstIndex on, except those in Drop.</summary>
internal sealed class RelayTap(RelayDecoder relay, long firstIndex, IReadOnlySet<long> drop) : IPacketTap
{
    private bool _gap;

    public bool Active => true;
    public int Queued { get; private set; }

    public bool Ended { get; private set; }

    public void StreamOpened(StreamFormat format) => relay.Begin(format);

    public void StreamEnded()
    {
        relay.End();
        Ended = true;
    }

    public void Packet(ReadOnlySpan<byte> data, long pts, long dts, bool key, long streamFrameIndex, bool afterLoop)
    {
        if (streamFrameIndex < firstIndex) return;
        if (drop.Contains(streamFrameIndex))
        {
            _gap = true;
            return;
        }
        Assert.True(relay.Enqueue(new StreamPacket(data.ToArray(), pts, dts, key, streamFrameIndex, afterLoop), _gap));
        _gap = false;
        Queued++;
    }
}
