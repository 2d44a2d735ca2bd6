using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Node;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The receiving end of a same-host message queue: takes the entries in order, decodes each
/// (<see cref="ChannelDecoder"/>) and tells it to the target actor as a local message from the sender
/// actor on the other end. It runs on the target actor's own thread or on a thread of its own that
/// sleeps on the queue ring's doorbell, as the target's <see cref="ActorHosting"/> says.
/// </summary>
internal sealed class MessageChannelReader : IRingWakeSource, IDisposable
{
    private readonly MessageQueueReader _queue;
    private readonly ChannelDecoder _decoder;
    private readonly IActorRef _target;
    private readonly IActorRef _sender;
    private readonly ILoggingAdapter _log;
    private readonly IHostedRingSource _hosted;
    private long _skipped;
    private volatile bool _stopping;

    private MessageChannelReader(MessageQueueReader queue, ChannelDecoder decoder, IActorRef target, IActorRef sender, ILoggingAdapter log,
        ActorHosting hosting)
    {
        _queue = queue;
        _decoder = decoder;
        _target = target;
        _sender = sender;
        _log = log;
        _hosted = hosting.Host(this, "valkka-channel");
    }

    /// <summary>Starts reading the queue at path as reader readerIndex, hosted as the target actor hosts its ring sources.</summary>
    /// <exception cref="RingException">The queue's ring cannot be mapped (gone, owner dead, ...).</exception>
    public static MessageChannelReader Start(ActorSystem system, string path, int readerIndex, IActorRef target, IActorRef sender, ILoggingAdapter log,
        ActorHosting hosting)
    {
        var decoder = new ChannelDecoder(system, log, path);
        return new(MessageQueueReader.Attach(path, readerIndex), decoder, target, sender, log, hosting);
    }

    /// <summary>True when the target actor's thread reads the queue (no thread of its own).</summary>
    public bool IsHosted => _hosted.OnActorThread;

    public RingWait Awaited => _queue.Awaited;

    /// <summary>True while the process that writes the queue runs.</summary>
    public bool IsWriterAlive => _queue.IsOwnerAlive;

    /// <summary>Stops reading (waits for its thread, if it has one) and unmaps the ring.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _hosted.Dispose();
        _queue.Dispose();
    }

    /// <summary>Delivers every entry the queue holds now, in order; true if there was any.</summary>
    public bool Poll()
    {
        bool delivered = false;
        while (!_stopping && _queue.TryTake(out var entry))
        {
            object? message;
            try
            {
                message = _decoder.Decode(entry);
            }
            finally
            {
                _queue.Release();
            }
            Deliver(message);
            delivered = true;
        }
        if (_queue.Skipped != _skipped)
        {
            _log.Warning("Channel {0}: {1} entries were not left for this reader; skipped them", _queue.Path, _queue.Skipped - _skipped);
            _skipped = _queue.Skipped;
        }
        return delivered;
    }

    /// <summary>Null: the decoder could not read the entry and logged why.</summary>
    private void Deliver(object? message)
    {
        if (message is not null) _target.Tell(message, _sender);
    }
}
