using Akka.Actor;
using Akka.Event;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The receiving end of a same-host message queue: takes the entries in order, decodes each
/// (<see cref="ChannelDecoder"/>) and tells it to the target actor as a local message from the sender
/// actor on the other end. It runs on the target actor's own thread when that thread can host it
/// (<see cref="SleepingThreadExecutor.TryHost"/>), otherwise on a thread of its own that sleeps on
/// the queue's doorbell.
/// </summary>
internal sealed class MessageChannelReader : IRingWakeSource, IDisposable
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly MessageQueueReader _queue;
    private readonly ChannelDecoder _decoder;
    private readonly IActorRef _target;
    private readonly IActorRef _sender;
    private readonly ILoggingAdapter _log;
    private readonly SleepingThreadExecutor? _host;
    private readonly Thread? _thread;
    private long _skipped;
    private volatile bool _stopping;

    private MessageChannelReader(MessageQueueReader queue, ChannelDecoder decoder, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        _queue = queue;
        _decoder = decoder;
        _target = target;
        _sender = sender;
        _log = log;
        if (SleepingThreadExecutor.Current is { } executor && executor.TryHost(this))
        {
            _host = executor;
            return;
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "valkka-channel" };
        _thread.Start();
    }

    /// <summary>
    /// Starts reading the queue at path as reader readerIndex. Call it on the target actor's thread, so a
    /// target on the analyzer dispatcher polls the queue itself.
    /// </summary>
    /// <exception cref="RingException">The queue cannot be mapped (gone, owner dead, ...).</exception>
    public static MessageChannelReader Start(ActorSystem system, string path, int readerIndex, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        var decoder = new ChannelDecoder(system, log, path);
        return new(MessageQueueReader.Attach(path, readerIndex), decoder, target, sender, log);
    }

    /// <summary>True when the target actor's thread reads the queue (no thread of its own).</summary>
    public bool IsHosted => _host is not null;

    public RingWait Awaited => _queue.Awaited;

    /// <summary>Stops reading (waits for its thread, if it has one) and unmaps the queue.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        if (_host is not null) _host.Unhost(this);
        else
        {
            do _queue.Interrupt();
            while (!_thread!.Join(TimeSpan.FromMilliseconds(50)));
        }
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

    private void Run()
    {
        while (!_stopping)
        {
            if (!Poll()) _queue.WaitForMessage(SleepLimit);
        }
    }

    /// <summary>Null: the decoder could not read the entry and logged why.</summary>
    private void Deliver(object? message)
    {
        if (message is not null) _target.Tell(message, _sender);
    }
}
