using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Channels;
using Valkka.Actors.Flow;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Actors.Stats;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>
/// Subscribes to one or more cameras (in any start order, re-attaching when a camera comes back),
/// leases each announced frame, hands a read-only view to the analyzer, releases it and returns
/// credit. Can forward frames to a master (by reference, or derived into its own ring) and passes
/// the master's results to the analyzer. Subclass it to own the whole actor: override AnalyzeFrame,
/// OnMasterResult or OnAnalysisResult and add Receive handlers in the constructor.
/// </summary>
public class ClientActor : ReceiveActor, IWithTimers
{
    private sealed record FindCamera(string CameraId);
    private sealed record SubscribeTimedOut(string CameraId, int Attempt);
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ChannelOfferTimeout = TimeSpan.FromSeconds(2);

    private readonly IFrameAnalyzer? _analyzer;
    private readonly Dictionary<string, CameraLink> _links = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log;
    private readonly DerivedRing _derived;
    private readonly ActorSelection? _master;
    private readonly ActorHosting _hosting;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _subscribeAttempt;

    // The same-host channel to the master (see ChannelMessages): offered, then open or refused.
    private MessageChannelWriter? _channelOffer;
    private TimeSpan _channelOfferedAt;
    private int _channelOffers;
    private SameHostChannel? _channel;
    private bool _channelRefused;

    // The frame being analyzed (valid only inside AnalyzeFrame).
    private bool _inFrame;
    private CameraLink? _currentLink;
    private FrameRef? _currentRef;
    private FrameView _currentView;

    private long _results, _masterResults, _forwarded, _derivedDropped, _errors;
    private readonly FrameRate _rate = new();

    public ClientActor(ClientSettings settings) : this(settings, null) { }

    /// <summary>With analyzer null, the analyzer is created from settings.AnalyzerType (unless a subclass overrides AnalyzeFrame and the type is empty).</summary>
    public ClientActor(ClientSettings settings, IFrameAnalyzer? analyzer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _log = Context.GetLogger();
        _analyzer = analyzer ?? (string.IsNullOrWhiteSpace(settings.AnalyzerType)
            ? null
            : AnalyzerFactory.Create<IFrameAnalyzer>(settings.AnalyzerType, settings.AnalyzerSettings));
        _hosting = ActorHosting.For(settings.RingSources, Context);
        ClientContext = new ClientContext(this, _log);
        _derived = new DerivedRing(settings.Topology, settings.ClientId, settings.DerivedRingSlots,
            new RingOwner(settings.ClientId, "Client " + settings.ClientId, Context, _log));
        if (settings.MasterPath is not null) _master = Context.ActorSelection(settings.MasterPath);
        foreach (var camera in settings.Cameras)
        {
            if (_links.ContainsKey(camera.CameraId))
                throw new ArgumentException($"client {settings.ClientId}: camera {camera.CameraId} is listed twice");
            _links.Add(camera.CameraId, new CameraLink(camera, settings.ClientId, settings.RetryInitialDelay)
            {
                SubscribeMessage = new Subscribe(settings.ClientId, Math.Max(1, settings.Credit),
                    settings.Notify == FrameNotify.Doorbell ? HostIdentity.Current : null),
            });
        }

        Receive<FrameAvailable>(OnFrameAvailable);
        Receive<ActorIdentity>(OnIdentity);
        Receive<Subscribed>(OnSubscribed);
        Receive<SubscribeRejected>(OnRejected);
        Receive<FindCamera>(m => { if (_links.TryGetValue(m.CameraId, out var l)) Find(l); });
        Receive<SubscribeTimedOut>(OnSubscribeTimedOut);
        Receive<MasterResult>(m =>
        {
            _masterResults++;
            try { OnMasterResult(m); }
            catch (Exception e) { _errors++; _log.Error(e, "Client {0}: master result handler failed", Settings.ClientId); }
        });
        Receive<ChannelOpened>(OnChannelOpened);
        Receive<ChannelRefused>(m =>
        {
            _channelRefused = true;
            _channelOffer?.Dispose();
            _channelOffer = null;
            _log.Info("Client {0}: master {1} keeps to Akka messages: {2}", Settings.ClientId, m.MasterId, m.Reason);
        });
        Receive<AttachReader>(m => _derived.AttachReader(Sender, m.ReaderId, Self));
        Receive<Unsubscribe>(_ => _derived.Owner.RemoveReader(Sender, unwatch: false));
        Receive<Terminated>(OnTerminated);
        Receive<Tick>(_ => OnTick());
        Receive<GetStats>(_ => Sender.Tell(Stats()));
        Receive<GetClientDetails>(_ => Sender.Tell(new ClientDetails(Settings.ClientId,
            _links.Values.Select(l => l.Details()).ToList(), _forwarded, _derivedDropped, _masterResults,
            _channel is null ? MasterChannelKind.Akka : MasterChannelKind.SharedMemory)));
    }

    /// <summary>On the dispatcher settings.RingSources needs (the analyzer dispatcher by default).</summary>
    public static Props Props(ClientSettings settings) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new ClientActor(settings, null)));

    /// <summary>A client with an analyzer made by factory (tests, in-process use).</summary>
    public static Props Props(ClientSettings settings, Func<IFrameAnalyzer> factory) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new ClientActor(settings, factory())));

    public ITimerScheduler Timers { get; set; } = null!;

    public ClientSettings Settings { get; }

    /// <summary>What the analyzer gets: forwarding to the master, logging.</summary>
    protected IClientContext ClientContext { get; }

    /// <summary>Called for every leased frame; the view is valid only during the call.</summary>
    protected virtual IAnalysisResult? AnalyzeFrame(in FrameView frame)
    {
        if (_analyzer is null)
            throw new InvalidOperationException($"client {Settings.ClientId} has no analyzer: give AnalyzerType or override AnalyzeFrame");
        return _analyzer.Analyze(frame, ClientContext);
    }

    /// <summary>A result of the master for a frame this client forwarded.</summary>
    protected virtual void OnMasterResult(MasterResult result) => _analyzer?.OnMasterResult(result, ClientContext);

    /// <summary>A non-null result of AnalyzeFrame; published on the node's event stream by default.</summary>
    protected virtual void OnAnalysisResult(ClientResult result) => Context.System.EventStream.Publish(result);

    protected override void PreStart()
    {
        foreach (var link in _links.Values) Find(link);
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromSeconds(1));
    }

    protected override void PostStop()
    {
        foreach (var link in _links.Values)
        {
            link.Camera?.Tell(new Unsubscribe(Settings.ClientId), Self);
            link.Detach();
        }
        _derived.Dispose();
        CloseChannel();
        if (_analyzer is IDisposable disposable) disposable.Dispose();
        base.PostStop();
    }

    private void Find(CameraLink link)
    {
        if (link.State is CameraLink.LinkState.Attached or CameraLink.LinkState.Subscribing) return;
        link.State = CameraLink.LinkState.Searching;
        Context.ActorSelection(link.Address.ActorPath).Tell(new Identify(link.CameraId), Self);
        // No answer comes from a node that is not up: try again after a growing delay.
        Timers.StartSingleTimer("find-" + link.CameraId, new FindCamera(link.CameraId), link.Delay);
        link.Delay = TimeSpan.FromTicks(Math.Min(link.Delay.Ticks * 2, Settings.RetryMaxDelay.Ticks));
    }

    private void OnIdentity(ActorIdentity m)
    {
        if (m.MessageId is not string id || !_links.TryGetValue(id, out var link)) return;
        if (m.Subject is null || link.State != CameraLink.LinkState.Searching) return;
        link.Camera = m.Subject;
        link.State = CameraLink.LinkState.Subscribing;
        Context.Watch(m.Subject);
        m.Subject.Tell(link.SubscribeMessage, Self);
        Timers.StartSingleTimer("find-" + id, new SubscribeTimedOut(id, ++_subscribeAttempt), SubscribeTimeout);
    }

    private void OnSubscribeTimedOut(SubscribeTimedOut m)
    {
        if (!_links.TryGetValue(m.CameraId, out var link) || link.State != CameraLink.LinkState.Subscribing) return;
        _log.Warning("Client {0}: camera {1} did not answer the subscription; looking for it again", Settings.ClientId, m.CameraId);
        if (link.Camera is not null) Context.Unwatch(link.Camera);
        link.Detach();
        Find(link);
    }

    private void OnSubscribed(Subscribed m)
    {
        if (!_links.TryGetValue(m.OwnerId, out var link) || link.State != CameraLink.LinkState.Subscribing
            || !m.Owner.Equals(link.Camera))
        {
            return;
        }
        Timers.Cancel("find-" + link.CameraId);
        if (m.Ring.HostIdentity != HostIdentity.Current)
        {
            link.LastError = $"camera {m.OwnerId}'s ring {m.Ring.Path} is on another host ({m.Ring.HostIdentity}); this client runs on " +
                             $"{HostIdentity.Current}. Shared-memory rings cannot be mapped across hosts, and carrying pixels between hosts " +
                             "is not supported yet: run the client on the camera's host.";
            _log.Error("Client {0}: {1}", Settings.ClientId, link.LastError);
            link.Camera!.Tell(new Unsubscribe(Settings.ClientId), Self);
            link.State = CameraLink.LinkState.Refused;
            return;
        }
        try
        {
            link.Reader = FrameRingReader.Attach(m.Ring.Path, m.ReaderIndex);
        }
        catch (RingException e)
        {
            link.LastError = e.Message;
            _log.Warning("Client {0}: cannot map camera {1}'s ring: {2}; retrying", Settings.ClientId, m.OwnerId, e.Message);
            link.Camera!.Tell(new Unsubscribe(Settings.ClientId), Self);
            Context.Unwatch(link.Camera);
            link.Detach();
            Find(link);
            return;
        }
        link.RingPath = m.Ring.Path;
        if (m.Doorbell)
        {
            link.Watcher = new DoorbellWatcher(link.Reader, Self, link.Camera!, m.OwnerId, Settings.ClientId, Math.Max(1, Settings.Credit), _hosting);
        }
        link.State = CameraLink.LinkState.Attached;
        link.Attachments++;
        link.Delay = Settings.RetryInitialDelay;
        link.LastError = null;
        _log.Info("Client {0}: attached to camera {1} (ring {2}, reader {3}, {4})", Settings.ClientId, m.OwnerId, m.Ring.Path, m.ReaderIndex,
            m.Doorbell ? "frames announced through the ring's doorbell" : "frames announced by message");
    }

    private void OnRejected(SubscribeRejected m)
    {
        if (!_links.TryGetValue(m.OwnerId, out var link)) return;
        link.LastError = m.Reason;
        _log.Error("Client {0}: camera {1} refused the subscription: {2}", Settings.ClientId, m.OwnerId, m.Reason);
        if (link.Camera is not null) Context.Unwatch(link.Camera);
        link.Detach();
        link.Delay = Settings.RetryMaxDelay;
        Find(link);
    }

    private void OnTerminated(Terminated t)
    {
        if (_channel is not null && t.ActorRef.Equals(_channel.Peer))
        {
            _log.Warning("Client {0}: master went away; its channel is closed", Settings.ClientId);
            CloseChannel(); // the next forward offers a new one (to a master that comes back)
        }
        foreach (var link in _links.Values)
        {
            if (!t.ActorRef.Equals(link.Camera)) continue;
            _log.Warning("Client {0}: camera {1} went away; waiting for it to come back", Settings.ClientId, link.CameraId);
            link.Detach();
            link.Delay = Settings.RetryInitialDelay;
            Find(link);
        }
        _derived.Owner.RemoveReader(t.ActorRef, unwatch: false);
    }

    private void OnFrameAvailable(FrameAvailable m)
    {
        var frame = m.Frame;
        if (!_links.TryGetValue(frame.CameraId, out var link) || !Sender.Equals(link.Camera)) return;
        link.Skipped += m.SkippedBefore;
        var reader = link.Reader;
        if (reader is not null)
        {
            if (!string.Equals(frame.Ring, link.RingPath, StringComparison.Ordinal)
                || reader.TryLease(frame.Slot, frame.Sequence, out var lease) == LeaseResult.Stale)
            {
                link.Stale++;
            }
            else
            {
                Analyze(link, frame, lease, reader);
            }
        }
        if (link.Watcher is { } watcher) watcher.ReturnCredit();
        else Sender.Tell(link.OneCredit, Self);
    }

    private unsafe void Analyze(CameraLink link, FrameRef frame, in FrameLease lease, FrameRingReader reader)
    {
        try
        {
            _currentView = new FrameView(frame.CameraId, frame.Sequence, lease.Info, lease.Data);
            _currentLink = link;
            _currentRef = frame;
            _inFrame = true;
            var result = AnalyzeFrame(_currentView);
            link.Analyzed++;
            if (result is not null)
            {
                _results++;
                OnAnalysisResult(new ClientResult(Settings.ClientId, frame.CameraId, frame.Sequence, result));
            }
        }
        catch (Exception e)
        {
            link.Analyzed++;
            _errors++;
            _log.Error(e, "Client {0}: analyzer failed on camera {1} frame {2}", Settings.ClientId, frame.CameraId, frame.Sequence);
        }
        finally
        {
            _inFrame = false;
            _currentLink = null;
            _currentRef = null;
            _currentView = default;
            reader.Release(lease);
        }
    }

    internal void ForwardCurrentToMaster()
    {
        EnsureInFrame();
        if (_master is null) return;
        SendToMaster(new AnalyzeRequest(Settings.ClientId, _currentRef!, _currentLink!.Camera!, _currentRef!.Sequence));
        _forwarded++;
    }

    internal bool ForwardCurrentDerived(in FrameInfo derived, DerivedFrameWriter write)
    {
        EnsureInFrame();
        ArgumentNullException.ThrowIfNull(write);
        if (derived.Length <= 0 || derived.Width <= 0 || derived.Height <= 0)
            throw new ArgumentException($"derived frame needs a positive size and length, got {derived}");
        FrameRingWriter ring;
        try { ring = _derived.Ensure(derived.Length); }
        catch (RingException e)
        {
            _derivedDropped++;
            _log.Error("Client {0}: cannot create its ring for derived frames: {1}", Settings.ClientId, e.Message);
            return false;
        }
        if (derived.Length > ring.SlotCapacity || !ring.TryBeginWrite(out var slot))
        {
            _derivedDropped++;
            return false;
        }
        try
        {
            write(_currentView, slot.Span[..derived.Length]);
        }
        catch
        {
            ring.Abort(slot);
            throw;
        }
        var source = _currentRef!;
        var info = derived.TimestampMs == 0 ? derived with { TimestampMs = source.TimestampMs } : derived;
        long sequence = ring.Commit(slot, info);
        if (_master is not null)
        {
            var reference = new FrameRef(source.CameraId, ring.Path, slot.Slot, sequence, info.TimestampMs, info.Width, info.Height);
            SendToMaster(new AnalyzeRequest(Settings.ClientId, reference, Self, source.Sequence));
            _forwarded++;
        }
        return true;
    }

    /// <summary>Through the same-host channel when it is open and has room, else as an Akka message.</summary>
    private void SendToMaster(AnalyzeRequest request)
    {
        if (_channel is { } channel && channel.TrySend(request)) return;
        OfferChannelIfDue();
        _master!.Tell(request, Self);
    }

    private void OfferChannelIfDue()
    {
        if (_channel is not null || _channelRefused || _master is null || Settings.Notify != FrameNotify.Doorbell) return;
        if (_channelOffer is not null && _clock.Elapsed - _channelOfferedAt < ChannelOfferTimeout) return;
        _channelOffer?.Dispose(); // no answer: the master was not up yet; offer a new queue
        try
        {
            _channelOffer = MessageChannelWriter.Create(Context.System, Settings.Topology, ActorPaths.QueueName(Settings.ClientId, ++_channelOffers));
        }
        catch (RingException e)
        {
            _channelOffer = null;
            _channelRefused = true;
            _log.Warning("Client {0}: cannot make a queue for the master, keeping to Akka messages: {1}", Settings.ClientId, e.Message);
            return;
        }
        _channelOfferedAt = _clock.Elapsed;
        _master.Tell(new OpenChannel(Settings.ClientId, Settings.Topology, _channelOffer.Descriptor, _channelOffer.ReaderIndex), Self);
    }

    private void OnChannelOpened(ChannelOpened m)
    {
        if (_channelOffer is null || _channel is not null || m.RequestsPath != _channelOffer.Descriptor.Path) return;
        MessageChannelReader results;
        try
        {
            results = MessageChannelReader.Start(Context.System, m.Ring.Path, m.ReaderIndex, Self, Sender, _log, _hosting);
        }
        catch (RingException e)
        {
            _log.Warning("Client {0}: cannot map master {1}'s results queue, keeping to Akka messages: {2}", Settings.ClientId, m.MasterId, e.Message);
            _channelRefused = true;
            return;
        }
        _channel = new SameHostChannel(Sender, _channelOffer, results);
        _channelOffer = null;
        Context.Watch(Sender);
        _log.Info("Client {0}: requests to master {1} and its results go through shared-memory queues ({2}, {3})",
            Settings.ClientId, m.MasterId, _channel.Outgoing.Descriptor.Path, m.Ring.Path);
    }

    private void CloseChannel()
    {
        _channel?.Dispose();
        _channel = null;
        _channelOffer?.Dispose();
        _channelOffer = null;
    }

    private void EnsureInFrame()
    {
        if (!_inFrame)
            throw new InvalidOperationException("forwarding works only for the frame being analyzed, during the Analyze call");
    }

    private void OnTick()
    {
        _derived.Owner.ExpireLeases(Settings.LeaseTimeout);
        _rate.Update(_links.Values.Sum(l => l.Analyzed));
    }

    private ClientStats Stats()
    {
        long analyzed = 0, skipped = 0, stale = 0;
        foreach (var l in _links.Values)
        {
            analyzed += l.Analyzed;
            skipped += l.Skipped;
            stale += l.Stale;
        }
        return new ClientStats(Settings.ClientId, analyzed, skipped, stale, _results + _masterResults, _rate.Fps);
    }
}
