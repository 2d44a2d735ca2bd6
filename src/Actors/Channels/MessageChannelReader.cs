using Akka.Actor;
using Akka.Event;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The receiving end of a same-host message queue: a thread sleeps on the queue ring's doorbell,
/// takes the entries in order, decodes each (<see cref="ChannelDecoder"/>) and tells it to the
/// target actor as a local message from the sender actor on the other end.
/// </summary>
internal sealed class MessageChannelReader : IDisposable
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly FrameRingReader _ring;
    private readonly ChannelDecoder _decoder;
    private readonly IActorRef _target;
    private readonly IActorRef _sender;
    private readonly ILoggingAdapter _log;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private MessageChannelReader(FrameRingReader ring, ChannelDecoder decoder, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        _ring = ring;
        _decoder = decoder;
        _target = target;
        _sender = sender;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "valkka-channel" };
        _thread.Start();
    }

    /// <exception cref="RingException">The queue's ring cannot be mapped (gone, owner dead, ...).</exception>
    public static MessageChannelReader Start(ActorSystem system, string path, int readerIndex, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        var decoder = new ChannelDecoder(system, log, path);
        return new(FrameRingReader.Attach(path, readerIndex), decoder, target, sender, log);
    }

    /// <summary>Stops the thread, waits for it and unmaps the ring.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        do _ring.Interrupt();
        while (!_thread.Join(TimeSpan.FromMilliseconds(50)));
        _ring.Dispose();
    }

    private void Run()
    {
        long next = 2; // a queue ring is new for each channel: its first entry is sequence 2
        while (!_stopping)
        {
            // Read before the scan: the ring publishes an entry's sequence before it names it the
            // latest, so an entry at or below this was in the slot table when the scan ran.
            long latest = _ring.Latest.Sequence;
            if (_ring.TryTakeLeased(next, out var lease))
            {
                object? message = _decoder.Decode(lease.Pixels);
                _ring.Release(lease);
                next += 2;
                Deliver(message);
                continue;
            }
            if (latest >= next)
            {
                _log.Warning("Channel {0}: entry {1} was not left for this reader; skipping it", _ring.Path, next);
                next += 2;
                continue;
            }
            _ring.WaitForFrame(next - 2, SleepLimit, out _);
        }
    }

    /// <summary>Null: the decoder could not read the entry and logged why.</summary>
    private void Deliver(object? message)
    {
        if (message is not null) _target.Tell(message, _sender);
    }
}
