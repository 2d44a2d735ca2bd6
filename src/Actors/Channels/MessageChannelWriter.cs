using Akka.Actor;
using Akka.Serialization;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The sending end of a same-host message queue: a ring this process owns whose entries are
/// messages written by a <see cref="ChannelEncoder"/>, each committed already leased for the one
/// reader, so none is overwritten before the reader took it (the encoder's strings rely on that).
/// </summary>
internal sealed class MessageChannelWriter : IDisposable
{
    private const int Entries = 64;
    private const int EntryCapacity = 16 * 1024;

    private readonly FrameRingWriter _ring;
    private readonly ChannelEncoder _encoder;
    private readonly ulong _readerBit;

    private MessageChannelWriter(FrameRingWriter ring, Serializer serializer, string ringName)
    {
        _ring = ring;
        _encoder = new ChannelEncoder(serializer);
        ReaderIndex = ring.RegisterReader();
        _readerBit = 1UL << ReaderIndex;
        Descriptor = new RingDescriptor(ring.Path, ringName, ring.SlotCount, ring.SlotCapacity, HostIdentity.Current);
    }

    public RingDescriptor Descriptor { get; }

    public int ReaderIndex { get; }

    /// <summary>Messages that did not go this way (queue full or too big): the caller sent them as Akka messages.</summary>
    public long Refused { get; private set; }

    /// <exception cref="RingException">The queue's ring cannot be created (no room in /dev/shm, ...).</exception>
    public static MessageChannelWriter Create(ActorSystem system, string topology, string ringName) =>
        new(FrameRingWriter.Create(topology, ringName, Entries, EntryCapacity),
            system.Serialization.FindSerializerForType(typeof(object)), ringName);

    /// <summary>False when the queue is full (the reader is behind) or the message is too big: send it another way.</summary>
    public bool TrySend(object message)
    {
        if (!_ring.TryBeginWrite(out var slot))
        {
            Refused++;
            return false;
        }
        bool encoded;
        int length;
        try
        {
            encoded = _encoder.TryEncode(message, slot.Span, out length);
        }
        catch
        {
            _ring.Abort(slot);
            throw;
        }
        if (!encoded)
        {
            _ring.Abort(slot);
            Refused++;
            return false;
        }
        _ring.Commit(slot, new FrameInfo(length, 1, length, PixelFormat.Bytes, 0, length), _readerBit);
        return true;
    }

    public void Dispose() => _ring.Dispose();
}
