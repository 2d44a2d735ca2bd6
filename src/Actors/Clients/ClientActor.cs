using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Channels;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Stats;

namespace Valkka.Actors.Clients;

/// <summary>
/// Subscribes to one or more cameras (in any start order, re-attaching when a camera comes back),
/// leases each announced frame, hands a read-only view to the analyzer, releases it and returns
/// credit. Can forward frames to a master (by reference, or derived into its own ring) and passes
/// the master's results to the analyzer. Subclass it to own the whole actor: override AnalyzeFrame,
/// OnMasterResult or OnAnalysisResult and add Receive handlers in the constructor.
/// </summary>
/// <remarks>
/// The work is done by parts, each with one job: <see cref="CameraLinks"/> (finding and attaching
/// cameras), <see cref="FrameAnalysis"/> (lease, analyze, credit), <see cref="MasterForwarding"/> and
/// <see cref="ChannelClient"/> (requests to the master), <see cref="DerivedRing"/> (the ring of derived
/// frames the master reads, kept by a <see cref="RingOwner"/>).
/// </remarks>
public class ClientActor : ReceiveActor, IWithTimers
{
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly IFrameAnalyzer? _analyzer;
    private readonly ILoggingAdapter _log;
    private readonly CameraLinks _links;
    private readonly DerivedRing _derived;
    private readonly ChannelClient? _master;
    private readonly MasterForwarding _forwarding;
    private readonly FrameAnalysis _analysis;
    private readonly FrameRate _rate = new();
    private long _masterResults;

    public ClientActor(ClientSettings settings) : this(settings, null) { }

    /// <summary>With analyzer null, the analyzer is created from settings.AnalyzerType (unless a subclass overrides AnalyzeFrame and the type is empty).</summary>
    public ClientActor(ClientSettings settings, IFrameAnalyzer? analyzer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _log = Context.GetLogger();
        _analyzer = analyzer ?? ClientAnalyzers.Create(settings, new AkkaLogger(_log));
        var hosting = ActorHosting.For(settings.RingSources, Context);
        _links = new CameraLinks(settings, Context, Timers, _log, hosting);
        _derived = new DerivedRing(settings.Topology, settings.ClientId, settings.DerivedRingSlots,
            new RingOwner(settings.ClientId, "Client " + settings.ClientId, settings.HostIdentity, Context, _log));
        if (settings.MasterPath is not null)
        {
            var masterPath = settings.MasterPath;
            _master = new ChannelClient(settings.ClientId, settings.Topology, settings.Notify == FrameNotify.Doorbell,
                settings.MasterLocator is { } locator ? locator.Locate : () => masterPath, settings.HostIdentity, Context, _log, hosting);
        }
        _forwarding = new MasterForwarding(settings.ClientId, _master, _derived, Self, _log);
        var context = new ClientContext(settings.ClientId, _log, _forwarding);
        ClientContext = context;
        _analysis = new FrameAnalysis(settings.ClientId, context, _log, AnalyzeFrame, OnAnalysisResult, settings.Instruments,
            _analyzer as IAnalyzerReadiness);

        Receive<FrameAvailable>(m =>
        {
            if (_links.Announcing(m.Frame.CameraId, Sender) is { } link) _analysis.OnFrameAvailable(link, m, Sender, Self);
        });
        Receive<ActorIdentity>(_links.OnIdentity);
        Receive<Subscribed>(_links.OnSubscribed);
        Receive<SubscribeRejected>(_links.OnRejected);
        Receive<CameraLinks.FindCamera>(_links.OnFindCamera);
        Receive<CameraLinks.SubscribeTimedOut>(_links.OnSubscribeTimedOut);
        Receive<MasterResult>(OnMasterResultMessage);
        Receive<ChannelOpened>(m => _master?.OnOpened(m, Sender));
        Receive<ChannelRefused>(m => _master?.OnRefused(m));
        Receive<AttachReader>(m => _derived.AttachReader(Sender, m.ReaderId, Self, m.Process));
        Receive<Unsubscribe>(_ => _derived.Owner.RemoveReader(Sender, unwatch: false));
        Receive<Terminated>(t =>
        {
            _master?.OnTerminated(t.ActorRef);
            _links.OnTerminated(t.ActorRef);
            _derived.Owner.ReaderTerminated(t);
        });
        Receive<Tick>(_ =>
        {
            _derived.Owner.ExpireLeases(Settings.LeaseTimeout);
            _derived.Owner.CheckReaders();
            _links.CheckCameraProcesses();
            _master?.CheckMasterProcess();
            _rate.Update(_links.All.Sum(l => l.Analyzed));
        });
        Receive<GetStats>(_ => Sender.Tell(Stats()));
        Receive<GetClientDetails>(_ => Sender.Tell(new ClientDetails(Settings.ClientId, _links.All.Select(l => l.Details()).ToList(),
            _forwarding.Forwarded, _forwarding.DerivedDropped, _masterResults, _master?.Kind ?? MasterChannelKind.Akka)
        {
            AnalyzerWaiting = (_analyzer as IAnalyzerReadiness)?.Waiting,
            NotSentToMaster = _forwarding.NotSent,
            MasterWaiting = _forwarding.MasterWaiting,
        }));
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
        _links.FindAll();
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromSeconds(1));
    }

    protected override void PostStop()
    {
        _links.UnsubscribeAll();
        _derived.Dispose();
        _master?.Close();
        if (_analyzer is IDisposable disposable) disposable.Dispose();
        base.PostStop();
    }

    private void OnMasterResultMessage(MasterResult m)
    {
        _masterResults++;
        try { OnMasterResult(m); }
        catch (Exception e) { _log.Error(e, "Client {0}: master result handler failed", Settings.ClientId); }
    }

    private ClientStats Stats()
    {
        long analyzed = 0, skipped = 0, stale = 0, skippedForRate = 0;
        foreach (var l in _links.All)
        {
            analyzed += l.Analyzed;
            skipped += l.Skipped;
            stale += l.Stale;
            skippedForRate += l.SkippedForRate;
        }
        return new ClientStats(Settings.ClientId, analyzed, skipped, stale, _analysis.Results + _masterResults, _rate.Fps, skippedForRate)
        {
            AtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
    }
}
