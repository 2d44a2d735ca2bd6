using Valkka.Media.Native;

namespace Valkka.Media.Decoding;

/// <summary>
/// The packets of the current group of pictures (its keyframe and each packet read after it), kept
/// while a decoder takes only keyframes. When a reader then wants more, the decoder decodes them
/// at once and goes on from the newest packet, instead of waiting up to a keyframe interval for the
/// next keyframe (seconds for many IP cameras). Packets are moved in (av_packet_move_ref): nothing
/// is copied, and nothing is allocated once the pool has grown to a GOP's length. A GOP longer than
/// <see cref="Capacity"/> packets is not kept. Used on the decoder thread only.
/// </summary>
internal sealed unsafe class GopBuffer : IDisposable
{
    /// <summary>Packets at most: a 10-second GOP at 60 fps.</summary>
    public const int Capacity = 600;

    private readonly nint[] _packets = new nint[Capacity];
    private readonly long[] _indices = new long[Capacity];
    private int _count;

    /// <summary>Packets kept, the keyframe first.</summary>
    public int Count => _count;

    public void* PacketAt(int i) => (void*)_packets[i];

    public long IndexAt(int i) => _indices[i];

    /// <summary>A keyframe sent to the decoder: the GOP kept so far is let go and a new one starts with it (moved in).</summary>
    public void StartAt(void* keyframe, long index)
    {
        Clear();
        MoveIn(keyframe, index);
    }

    /// <summary>Moves a packet not decoded into the GOP; false (nothing moved, all let go) without a keyframe or room.</summary>
    public bool TryKeep(void* packet, long index)
    {
        if (_count == 0) return false;
        if (_count == Capacity)
        {
            Clear();
            return false;
        }
        MoveIn(packet, index);
        return true;
    }

    /// <summary>Lets every packet go (keeps the pool).</summary>
    public void Clear()
    {
        for (var i = 0; i < _count; i++) Av.av_packet_unref((void*)_packets[i]);
        _count = 0;
    }

    private void MoveIn(void* packet, long index)
    {
        if (_packets[_count] == 0)
        {
            var allocated = Av.av_packet_alloc();
            if (allocated == null) throw new OutOfMemoryException("av_packet_alloc failed");
            _packets[_count] = (nint)allocated;
        }
        Av.av_packet_move_ref((void*)_packets[_count], packet);
        _indices[_count] = index;
        _count++;
    }

    public void Dispose()
    {
        Clear();
        for (var i = 0; i < Capacity && _packets[i] != 0; i++)
        {
            var packet = (void*)_packets[i];
            Av.av_packet_free(&packet);
            _packets[i] = 0;
        }
    }
}
