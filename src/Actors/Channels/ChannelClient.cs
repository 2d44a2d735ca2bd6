using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Channels;

/// <summary>
/// A client's way to its master (see ChannelMessages): requests go as Akka messages until the master
/// took the client's offer of a same-host queue pair; then through the queues, and as Akka messages
/// again whenever the queue is full. An offer without an answer (the master was not up) is renewed;
/// a refusal is final (for that master: one the cluster placed elsewhere is offered queues again). The
/// master's death closes the queues, and the next request offers new ones. Where the master is comes from
/// masterPath before each request (a placed master moves; null: it runs nowhere now, the request is not
/// sent, and the client says so once until the master is back).
/// </summary>
internal sealed class ChannelClient(string clientId, string topology, bool offerQueues, Func<string?> masterPath, string hostIdentity,
    IActorContext context, ILoggingAdapter log, ActorHosting hosting)
{
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private MessageChannelWriter? _offer;
    private TimeSpan _offeredAt;
    private int _offers;
    private SameHostChannel? _channel;
    private bool _refused;
    private string? _path;
    private ActorSelection? _master;
    private long _unsent;

    public MasterChannelKind Kind => _channel is null ? MasterChannelKind.Akka : MasterChannelKind.SharedMemory;

    /// <summary>Requests not sent because the master ran nowhere (all of this client's life).</summary>
    public long NotSent { get; private set; }

    /// <summary>Why requests are not sent now (the master runs nowhere); null: the last request found the master.</summary>
    public string? Waiting => _path is null && _unsent > 0 ? "its master runs nowhere now (the cluster places it)" : null;

    /// <summary>Through the same-host queue when it is open and has room, else as an Akka message; false: the master runs nowhere now.</summary>
    public bool Send(AnalyzeRequest request)
    {
        if (Master() is not { } master) return false;
        if (_channel is { } channel && channel.TrySend(request)) return true;
        OfferIfDue(master);
        master.Tell(request, context.Self);
        return true;
    }

    // The master where it is now; another place than before: its queues and a refusal were the old one's.
    private ActorSelection? Master()
    {
        var path = masterPath();
        if (path is null)
        {
            NotSent++;
            if (_unsent++ == 0 && _path is not null) log.Warning("Client {0}: its master runs nowhere now (the cluster places it); frames for it are not sent until it runs", clientId);
            _path = null;
            return null;
        }
        if (path == _path) return _master;
        if (_path is not null || _unsent > 0)
            log.Info("Client {0}: its master runs at {1} now{2}", clientId, path, _unsent > 0 ? $" ({_unsent} frames not sent meanwhile)" : "");
        Close();
        _refused = false;
        _unsent = 0;
        _path = path;
        return _master = context.ActorSelection(path);
    }

    /// <summary>The master took the offer (sender: the master).</summary>
    public void OnOpened(ChannelOpened m, IActorRef sender)
    {
        if (_offer is null || _channel is not null || m.RequestsPath != _offer.Descriptor.Path) return;
        MessageChannelReader results;
        try
        {
            results = MessageChannelReader.Start(context.System, m.Ring.Path, m.ReaderIndex, context.Self, sender, log, hosting);
        }
        catch (RingException e)
        {
            log.Warning("Client {0}: cannot map master {1}'s results queue, keeping to Akka messages: {2}", clientId, m.MasterId, e.Message);
            _refused = true;
            return;
        }
        _channel = new SameHostChannel(sender, _offer, results);
        _offer = null;
        context.Watch(sender);
        log.Info("Client {0}: requests to master {1} and its results go through shared-memory queues ({2}, {3})",
            clientId, m.MasterId, _channel.Outgoing.Descriptor.Path, m.Ring.Path);
    }

    public void OnRefused(ChannelRefused m)
    {
        // The answer to an offer this client gave up on (and removed) before the master saw it: the
        // master answers the current offer next, in order. Taking it as final would leave the master
        // writing results into a queue nobody reads.
        if (_offer is null || m.RequestsPath != _offer.Descriptor.Path) return;
        _refused = true;
        _offer?.Dispose();
        _offer = null;
        log.Info("Client {0}: master {1} keeps to Akka messages: {2}", clientId, m.MasterId, m.Reason);
    }

    /// <summary>A watched actor died: if it was the master, its queues are closed.</summary>
    public void OnTerminated(IActorRef actor)
    {
        if (_channel is null || !actor.Equals(_channel.Peer)) return;
        log.Warning("Client {0}: master went away; its channel is closed", clientId);
        Close(); // the next request offers new queues (to a master that comes back)
    }

    /// <summary>
    /// Every tick: when the master's process is gone (the writer of its results queue died, e.g.
    /// SIGKILL), its queues are closed now rather than when remoting's failure detector gives up on it
    /// seconds later; the next request offers new queues to the master that comes back.
    /// </summary>
    public void CheckMasterProcess()
    {
        if (_channel is null || _channel.Incoming.IsWriterAlive) return;
        log.Warning("Client {0}: master's process is gone; its channel is closed", clientId);
        Close();
    }

    public void Close()
    {
        _channel?.Dispose();
        _channel = null;
        _offer?.Dispose();
        _offer = null;
    }

    private void OfferIfDue(ActorSelection master)
    {
        if (_channel is not null || _refused || !offerQueues) return;
        if (_offer is not null && _clock.Elapsed - _offeredAt < OfferTimeout) return;
        _offer?.Dispose(); // no answer: the master was not up yet; offer a new queue
        try
        {
            _offer = MessageChannelWriter.Create(context.System, topology, ActorPaths.QueueName(clientId, ++_offers), hostIdentity);
        }
        catch (RingException e)
        {
            _offer = null;
            _refused = true;
            log.Warning("Client {0}: cannot make a queue for the master, keeping to Akka messages: {1}", clientId, e.Message);
            return;
        }
        _offeredAt = _clock.Elapsed;
        master.Tell(new OpenChannel(clientId, topology, _offer.Descriptor, _offer.ReaderIndex, ReaderProcesses.Current(hostIdentity)), context.Self);
    }
}
