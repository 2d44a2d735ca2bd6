using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Hosting;
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
    private readonly FrameRingReader _ring;
    private readonly ChannelDecoder _decoder;
    private readonly IActorRef _target;
    private readonly IActorRef _sender;
    private readonly ILoggingAdapter _log;
    private readonly IHostedRingSource _hosted;
    private long _next = 2; // a queue ring is new for each channel: its first entry is sequence 2
    private volatile bool _stopping;

    private MessageChannelReader(FrameRingReader ring, ChannelDecoder decoder, IActorRef target, IActorRef sender, ILoggingAdapter log,
        ActorHosting hosting)
    {
        _ring = ring;
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
        return new(FrameRingReader.Attach(path, readerIndex), decoder, target, sender, log, hosting);
    }

    /// <summary>True when the target actor's thread reads the queue (no thread of its own).</summary>
    public bool IsHosted => _hosted.OnActorThread;

    public RingWait Awaited => new(_ring, _next - 2);

    /// <summary>Stops reading (waits for its thread, if it has one) and unmaps the ring.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _hosted.Dispose();
        _ring.Dispose();
    }

    /// <summary>Delivers every entry the queue holds now, in order; true if there was any.</summary>
    public bool Poll()
    {
        bool delivered = false;
        while (!_stopping)
        {
            // Read before the scan: the ring publishes an entry's sequence before it names it the
            // latest, so an entry at or below this was in the slot table when the scan ran.
            long latest = _ring.Latest.Sequence;
            if (_ring.TryTakeLeased(_next, out var lease))
            {
                object? message = _decoder.Decode(lease.Pixels);
                _ring.Release(lease);
                _next += 2;
                Deliver(message);
                delivered = true;
                continue;
            }
            if (latest < _next) break;
            _log.Warning("Channel {0}: entry {1} was not left for this reader; skipping it", _ring.Path, _next);
            _next += 2;
        }
        return delivered;
    }

    /// <summary>Null: the decoder could not read the entry and logged why.</summary>
    private void Deliver(object? message)
    {
        if (message is not null) _target.Tell(message, _sender);
    }
}
