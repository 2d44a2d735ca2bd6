using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Messages;
using Valkka.Media.Sources;

namespace Valkka.Actors.Relays;

/// <summary>
/// A camera's encoded stream for relays on other hosts (child "encoded" of the camera actor): gets
/// the decoder's packets from the <see cref="PacketTap"/> (active only while a relay subscribes) and
/// sends each relay the stream's format and its packets under its own window (<see cref="EncodedSubscriber"/>),
/// so a slow or cut-off relay never holds up the camera or its local readers. Relays are not watched
/// (remote death watch quarantines a host that was unreachable for a few seconds, for good): one that
/// sent no acknowledgement for <see cref="SubscriberTimeout"/> is dropped, and subscribes again when it can.
/// </summary>
internal sealed class EncodedStreamPublisher : ReceiveActor, IWithTimers
{
    public const string Name = Topology.ActorPaths.EncodedStreamName;
    public static readonly TimeSpan SubscriberTimeout = TimeSpan.FromSeconds(5);

    private sealed record Tick;

    private readonly string _cameraId;
    private readonly PacketTap _tap;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<EncodedSubscriber> _subscribers = [];
    private StreamFormat? _format;

    public EncodedStreamPublisher(string cameraId, PacketTap tap)
    {
        _cameraId = cameraId;
        _tap = tap;
        Receive<SubscribeEncoded>(OnSubscribe);
        Receive<UnsubscribeEncoded>(m => Remove(m.RelayId, "it left"));
        Receive<EncodedAck>(m => _subscribers.Find(s => s.RelayId == m.RelayId)?.Ack(m, Environment.TickCount64));
        Receive<PacketTap.Opened>(m =>
        {
            _format = m.Format;
            foreach (var s in _subscribers) StartStream(s);
        });
        Receive<PacketTap.Ended>(_ =>
        {
            foreach (var s in _subscribers) s.Relay.Tell(new EncodedStreamEnded(_cameraId, s.Generation), Self);
        });
        Receive<PacketTap.Tapped>(OnPacket);
        Receive<Tick>(_ => DropSilent());
        Receive<GetEncodedStreamStats>(_ =>
            Sender.Tell(new EncodedStreamStats(_cameraId, _tap.Dropped, _subscribers.Select(s => s.Counters()).ToList())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string cameraId, PacketTap tap) => Akka.Actor.Props.Create(() => new EncodedStreamPublisher(cameraId, tap));

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(1));

    protected override void PostStop() => _tap.SetActive(false);

    private void OnSubscribe(SubscribeEncoded m)
    {
        _subscribers.RemoveAll(s => s.RelayId == m.RelayId || s.Relay.Equals(Sender));
        var subscriber = new EncodedSubscriber(Sender, m, Environment.TickCount64);
        _subscribers.Add(subscriber);
        _tap.SetActive(true);
        _log.Info("Camera {0}: relay {1} ({2}) subscribed to the encoded stream (window {3}, generation {4})",
            _cameraId, m.RelayId, Sender.Path, m.Window, m.Generation);
        if (_format is not null) StartStream(subscriber);
    }

    private void StartStream(EncodedSubscriber s)
    {
        s.Restart();
        s.Relay.Tell(new EncodedStreamStarted(_cameraId, s.Generation, _format!), Self);
    }

    private void OnPacket(PacketTap.Tapped m)
    {
        _tap.Handled();
        foreach (var s in _subscribers)
        {
            if (m.Gap) s.Restart();
            if (s.Offer(_cameraId, m.Packet) is { } message) s.Relay.Tell(message, Self);
        }
    }

    private void DropSilent()
    {
        var now = Environment.TickCount64;
        foreach (var s in _subscribers.Where(s => now - s.LastHeard > SubscriberTimeout.TotalMilliseconds).ToList())
            Remove(s.RelayId, $"no acknowledgement for {SubscriberTimeout.TotalSeconds:0} s");
    }

    private void Remove(string relayId, string why)
    {
        var gone = _subscribers.Find(s => s.RelayId == relayId);
        if (gone is null) return;
        _subscribers.Remove(gone);
        _tap.SetActive(_subscribers.Count > 0);
        _log.Info("Camera {0}: relay {1} dropped ({2}); sent {3} packets, {4} dropped for lack of credit", _cameraId, relayId, why,
            gone.Sent, gone.DroppedNoCredit);
    }
}
