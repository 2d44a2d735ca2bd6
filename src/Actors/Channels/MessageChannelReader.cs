using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Hosting;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// The receiving end of a same-host message queue: takes the entries in order, decodes each
/// (<see cref="ChannelDecoder"/>) and tells it to the target actor as a local message from the sender
/// actor on the other end. It runs on the target actor's own thread when that thread can host it
/// (<see cref="SleepingThreadExecutor.TryHost"/>), otherwise on a thread of its own that sleeps on
/// the queue ring's doorbell.
/// </summary>
internal sealed class MessageChannelReader : IRingWakeSource, IDisposable
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly FrameRingReader _ring;
    private readonly ChannelDecoder _decoder;
    private readonly IActorRef _target;
    private readonly IActorRef _sender;
    private readonly ILoggingAdapter _log;
    private readonly SleepingThreadExecutor? _host;
    private readonly Thread? _thread;
    private long _next = 2; // a queue ring is new for each channel: its first entry is sequence 2
    private volatile bool _stopping;

    private MessageChannelReader(FrameRingReader ring, ChannelDecoder decoder, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        _ring = ring;
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
    /// <exception cref="RingException">The queue's ring cannot be mapped (gone, owner dead, ...).</exception>
    public static MessageChannelReader Start(ActorSystem system, string path, int readerIndex, IActorRef target, IActorRef sender, ILoggingAdapter log)
    {
        var decoder = new ChannelDecoder(system, log, path);
        return new(FrameRingReader.Attach(path, readerIndex), decoder, target, sender, log);
    }

    /// <summary>True when the target actor's thread reads the queue (no thread of its own).</summary>
    public bool IsHosted => _host is not null;

    public RingWait Awaited => new(_ring, _next - 2);

    /// <summary>Stops reading (waits for its thread, if it has one) and unmaps the ring.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        if (_host is not null) _host.Unhost(this);
        else
        {
            do _ring.Interrupt();
            while (!_thread!.Join(TimeSpan.FromMilliseconds(50)));
        }
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

    private void Run()
    {
        while (!_stopping)
        {
            if (!Poll()) _ring.WaitForFrame(_next - 2, SleepLimit, out _);
        }
    }

    /// <summary>Null: the decoder could not read the entry and logged why.</summary>
    private void Deliver(object? message)
    {
        if (message is not null) _target.Tell(message, _sender);
    }
}
