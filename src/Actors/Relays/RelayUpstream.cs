using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Messages;
using Valkka.Media.Decoding;

namespace Valkka.Actors.Relays;

/// <summary>
/// A relay camera's link to the camera on its own host (child "upstream" of the relay camera actor):
/// finds the camera's <see cref="EncodedStreamPublisher"/> in any start order, subscribes, feeds the
/// <see cref="RelayDecoder"/> the format and packets it gets and acknowledges the packets the decoder
/// took, every <see cref="RelaySettings.AckEvery"/> packets and at each tick (the publisher's window
/// is the flow control). The camera's host is not watched
/// (see the publisher): when no packet came for <see cref="RelaySettings.SilenceTimeout"/>, the relay
/// looks for the publisher again and subscribes anew (a restarted camera node, a link that came
/// back). Counts packets the publisher dropped for it and packets lost on the way.
/// </summary>
internal sealed class RelayUpstream : ReceiveActor, IWithTimers
{
    private sealed record Find;
    private sealed record Tick;
    private sealed record Taken;

    private readonly RelaySettings _settings;
    private readonly RelayDecoder _decoder;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // What the decoder's queue holds, in order: a packet queued under an earlier subscription is
    // still taken after a resubscription, and must not acknowledge a packet of the new one.
    private readonly Queue<(long Generation, long Seq)> _queued = new();
    private IActorRef? _publisher;
    private long _generation;
    private long _lastSeq;
    private long _lastTaken;
    private long _takenSeen;
    private long _lastHeard;
    private long _droppedUpstream;
    private long _lostOnWire;
    private long _subscriptions;
    private long _received;

    public RelayUpstream(RelaySettings settings, RelayDecoder decoder)
    {
        _settings = settings;
        _decoder = decoder;
        Receive<Find>(_ => Search());
        Receive<ActorIdentity>(OnIdentity);
        Receive<EncodedStreamStarted>(m =>
        {
            if (!Current(m.Generation)) return;
            _lastHeard = Environment.TickCount64;
            _decoder.Begin(m.Format);
        });
        Receive<EncodedStreamEnded>(m =>
        {
            if (Current(m.Generation)) _decoder.End();
        });
        Receive<EncodedPacket>(OnPacket);
        Receive<Taken>(_ => { AckTaken(); });
        Receive<Tick>(_ => OnTick());
        Receive<GetRelayCounters>(_ => Sender.Tell(new RelayCounters(_settings.CameraId, _subscriptions, _droppedUpstream, _lostOnWire,
            _decoder.QueueDropped, _publisher is not null) { PacketsReceived = _received }));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RelaySettings settings, RelayDecoder decoder) =>
        Akka.Actor.Props.Create(() => new RelayUpstream(settings, decoder));

    protected override void PreStart()
    {
        var self = Self;
        var every = Math.Clamp(_settings.AckEvery, 1, Math.Max(1, _settings.Window / 2));
        _decoder.PacketTaken += () =>
        {
            if (_decoder.PacketsTaken % every == 0) self.Tell(new Taken());
        };
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(1));
        Search();
    }

    protected override void PostStop() => _publisher?.Tell(new UnsubscribeEncoded(_settings.RelayId));

    private bool Current(long generation) => _publisher is not null && Sender.Equals(_publisher) && generation == _generation;

    private void Search()
    {
        if (_publisher is not null) return;
        if ((_settings.PublisherLocator is { } locator ? locator.Locate() : _settings.PublisherPath) is { } path)
            Context.ActorSelection(path).Tell(new Identify(_settings.RelayId));
        Timers.StartSingleTimer("find", new Find(), _settings.SearchInterval);
    }

    private void OnIdentity(ActorIdentity m)
    {
        if (_publisher is not null || m.Subject is null) return;
        _publisher = m.Subject;
        _generation++;
        _subscriptions++;
        _lastSeq = _lastTaken = 0;
        _lastHeard = Environment.TickCount64;
        Timers.Cancel("find");
        _publisher.Tell(new SubscribeEncoded(_settings.RelayId, _generation, _settings.Window));
        _log.Info("Relay of camera {0}: subscribed to {1} (generation {2}; packets lost so far: {3} not sent by the camera's host, {4} lost on the way, {5} dropped here)",
            _settings.CameraId, _publisher.Path, _generation, _droppedUpstream, _lostOnWire, _decoder.QueueDropped);
    }

    private void OnPacket(EncodedPacket m)
    {
        if (!Current(m.Generation) || m.Seq <= _lastSeq) return;
        _lastHeard = Environment.TickCount64;
        _received++;
        long lost = m.Seq - _lastSeq - 1;
        _lostOnWire += lost;
        _droppedUpstream += m.DroppedBefore;
        var gap = lost > 0 || m.DroppedBefore > 0;
        _lastSeq = m.Seq;
        if (_decoder.Enqueue(m.Packet, gap)) _queued.Enqueue((_generation, m.Seq));
        else Ack(m.Seq);   // dropped here (counted by the decoder): its credit goes back at once
    }

    /// <summary>Acknowledges the packets the decoder took since the last time, with one message; false: none.</summary>
    private bool AckTaken()
    {
        long taken = _decoder.PacketsTaken, last = 0;
        while (_takenSeen < taken && _queued.TryDequeue(out var packet))
        {
            _takenSeen++;
            if (packet.Generation == _generation) last = packet.Seq;
        }
        if (last > 0) Ack(last);
        return last > 0;
    }

    private void Ack(long seq)
    {
        _lastTaken = Math.Max(_lastTaken, seq);
        _publisher?.Tell(new EncodedAck(_settings.RelayId, _generation, _lastTaken));
    }

    private void OnTick()
    {
        if (_publisher is null) return;
        var acknowledged = AckTaken();
        if (Environment.TickCount64 - _lastHeard <= _settings.SilenceTimeout.TotalMilliseconds)
        {
            if (!acknowledged) _publisher.Tell(new EncodedAck(_settings.RelayId, _generation, _lastTaken));   // keep-alive
            return;
        }
        var why = $"no packets from camera {_settings.CameraId} for {_settings.SilenceTimeout.TotalSeconds:0.#} s; looking for it again";
        _log.Warning("Relay of camera {0}: {1}", _settings.CameraId, why);
        _decoder.ReportWaiting(why);
        _publisher = null;
        Search();
    }
}
