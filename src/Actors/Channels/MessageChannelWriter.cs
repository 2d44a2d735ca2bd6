using Akka.Actor;
using Akka.Serialization;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The sending end of a same-host message queue: a <see cref="MessageQueueWriter"/> this process
/// owns whose messages are written by a <see cref="ChannelEncoder"/> straight into the queue. The
/// queue keeps each until its one reader took it (the encoder's strings rely on that).
/// </summary>
internal sealed class MessageChannelWriter : IDisposable
{
    private const int Entries = 64;
    private const int EntryCapacity = 16 * 1024;

    private readonly MessageQueueWriter _queue;
    private readonly ChannelEncoder _encoder;

    private MessageChannelWriter(MessageQueueWriter queue, Serializer serializer, string ringName, string hostIdentity)
    {
        _queue = queue;
        _encoder = new ChannelEncoder(serializer);
        Descriptor = new RingDescriptor(queue.Path, ringName, queue.Capacity, queue.MaxMessageLength, hostIdentity);
    }

    public RingDescriptor Descriptor { get; }

    public int ReaderIndex => _queue.ReaderIndex;

    /// <summary>Messages that did not go this way (queue full or too big): the caller sent them as Akka messages.</summary>
    public long Refused { get; private set; }

    /// <exception cref="RingException">The queue's ring cannot be created (no room in /dev/shm, ...).</exception>
    public static MessageChannelWriter Create(ActorSystem system, string topology, string ringName, string hostIdentity) =>
        new(MessageQueueWriter.Create(topology, ringName, Entries, EntryCapacity),
            system.Serialization.FindSerializerForType(typeof(object)), ringName, hostIdentity);

    /// <summary>False when the queue is full (the reader is behind) or the message is too big: send it another way.</summary>
    public bool TrySend(object message)
    {
        if (!_queue.TryBeginAppend(out var entry))
        {
            Refused++;
            return false;
        }
        bool encoded;
        int length;
        try
        {
            encoded = _encoder.TryEncode(message, entry, out length);
        }
        catch
        {
            _queue.AbortAppend();
            throw;
        }
        if (!encoded)
        {
            _queue.AbortAppend();
            Refused++;
            return false;
        }
        _queue.CommitAppend(length);
        return true;
    }

    public void Dispose() => _queue.Dispose();
}
