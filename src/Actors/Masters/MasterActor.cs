using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;

namespace Valkka.Actors.Masters;

/// <summary>
/// Batches frames forwarded by its clients through one heavy analyzer (<see cref="MasterBatcher"/>):
/// a batch leaves when MaxBatchSize frames wait or the oldest waited MaxWait; each client has at most
/// MaxInFlightPerClient frames waiting (latest wins). Each result goes back to the client that asked.
/// Frames are leased in place in their rings (<see cref="MasterRings"/>); clients on this host send
/// requests and get results through shared-memory queues (<see cref="ChannelServer"/>). Leases of
/// clients or rings that went away are released.
/// </summary>
public class MasterActor : ReceiveActor, IWithTimers
{
    private sealed record BatchDue
    {
        public static readonly BatchDue Instance = new();
    }

    private sealed record Rewatch
    {
        public static readonly Rewatch Instance = new();
    }

    private sealed record AnalyzerCallEnded(AnalyzerThread Call);

    private sealed record RelayTick
    {
        public static readonly RelayTick Instance = new();
    }

    private static readonly TimeSpan RewatchAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RelayTickInterval = TimeSpan.FromMilliseconds(100);

    private readonly IBatchAnalyzer? _analyzer;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<IActorRef, string> _clients = new();
    private readonly HashSet<IActorRef> _rewatch = new();
    private readonly ChannelServer _channels;
    private readonly MasterBatcher _batches;
    private readonly MasterRings _rings;
    private readonly RelayRings _relays;
    private readonly GuardedBatchAnalyzer _analyzeGuard;
    private long _skippedStarting;
    private readonly PinnedReaders _pinned = new();
    private readonly ResultWatchers _watchers;

    public MasterActor(MasterSettings settings) : this(settings, null) { }

    public MasterActor(MasterSettings settings, IBatchAnalyzer? analyzer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxBatchSize < 1) throw new ArgumentException($"master {settings.MasterId}: max batch size must be at least 1, got {settings.MaxBatchSize}");
        if (settings.MaxWait < TimeSpan.Zero) throw new ArgumentException($"master {settings.MasterId}: max wait must not be negative");
        if (settings.AnalyzeTimeout <= TimeSpan.Zero) throw new ArgumentException($"master {settings.MasterId}: analyze timeout must be positive");
        Settings = settings;
        _log = Context.GetLogger();
        _analyzer = analyzer ?? MasterAnalyzers.Create(settings, new AkkaLogger(_log));
        var hosting = ActorHosting.For(settings.RingSources, Context);
        _channels = new ChannelServer(settings.MasterId, settings.HostIdentity, Context, _log, hosting);
        var self = Self;
        _watchers = new ResultWatchers(settings.MasterId);
        _analyzeGuard = new GuardedBatchAnalyzer(settings, _log, AnalyzeBatch, call => self.Tell(new AnalyzerCallEnded(call)));
        _batches = new MasterBatcher(settings, _analyzeGuard, _pinned, (client, result) =>
        {
            _channels.Reply(client, result);
            _watchers.Publish(result);
        }, hosting.Deadline(Timers, BatchDue.Instance));
        _rings = new MasterRings(settings.MasterId, settings.HostIdentity, Context, _log, _batches, _clients.ContainsKey, _pinned);
        _relays = new RelayRings(settings, Context, _log, _batches, _pinned, hosting);

        Receive<AnalyzeRequest>(OnRequest);
        Receive<OpenChannel>(m =>
        {
            if (_channels.Open(m, Sender)) AddClient(Sender, m.ClientId);
        });
        Receive<Subscribed>(m =>
        {
            if (!_relays.OnSubscribed(m)) _rings.OnSubscribed(m);
        });
        Receive<SubscribeRejected>(m =>
        {
            if (!_relays.OnRejected(m)) _rings.OnRejected(m, Sender);
        });
        Receive<RelayRings.Committed>(_relays.OnCommitted);
        Receive<RelayTick>(_ => _relays.Expire());
        Receive<BatchDue>(_ => _batches.OnBatchDue());
        Receive<AnalyzerCallEnded>(m =>
        {
            _analyzeGuard.AbandonedCallEnded(m.Call);
            _pinned.Unpin(m.Call);
        });
        Receive<WatchResults>(_ => _watchers.Watch(Sender));
        Receive<Terminated>(OnTerminated);
        Receive<Rewatch>(_ =>
        {
            foreach (var actor in _rewatch) Context.Watch(actor);
            _rewatch.Clear();
        });
        Receive<GetStats>(_ => Sender.Tell(new MasterStats(Settings.MasterId, _batches.Batches, _batches.Frames, _batches.Results,
            _batches.MeanBatchSize, _batches.MeanAnalyzerMs)));
        Receive<GetMasterDetails>(_ => Sender.Tell(new MasterDetails(Settings.MasterId, _batches.Batches, _batches.Frames, _batches.Stale + _relays.Stale,
            _batches.Skipped + _rings.Skipped, _batches.MaxBatchSeen, _clients.Count, _batches.RecentBatchSizes(),
            _channels.Count, _channels.OnActorThread)
        {
            FailedBatches = _analyzeGuard.Failed,
            TimedOutCalls = _analyzeGuard.TimedOut,
            FailedFrames = _batches.FailedFrames,
            SkippedStarting = _skippedStarting,
            AnalyzerWaiting = (_analyzer as IAnalyzerReadiness)?.Waiting,
        }));
    }

    /// <summary>On the dispatcher settings.RingSources needs (the analyzer dispatcher by default).</summary>
    public static Props Props(MasterSettings settings) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new MasterActor(settings, null)));

    /// <summary>A master with an analyzer made by factory (tests, in-process use).</summary>
    public static Props Props(MasterSettings settings, Func<IBatchAnalyzer> factory) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new MasterActor(settings, factory())));

    public ITimerScheduler Timers { get; set; } = null!;

    public MasterSettings Settings { get; }

    /// <summary>
    /// Runs the analyzer on one batch: the result of frames[i] goes into results[i] (null: no answer).
    /// Called on the master's analyzer thread, one batch at a time (after a call abandoned at the
    /// timeout, on a new thread while that call may still run).
    /// </summary>
    protected virtual void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        if (_analyzer is null)
            throw new InvalidOperationException($"master {Settings.MasterId} has no analyzer: give AnalyzerType or override AnalyzeBatch");
        _analyzer.AnalyzeBatch(frames, results);
    }

    protected override void PreStart()
    {
        if (_relays.Any) Timers.StartPeriodicTimer(nameof(RelayTick), RelayTick.Instance, RelayTickInterval);
    }

    protected override void PostStop()
    {
        _batches.Stop();
        _analyzeGuard.Stop();
        _relays.UnmapAll();
        _rings.UnmapAll();
        _channels.CloseAll();
        if (_analyzer is IDisposable disposable) disposable.Dispose();
        base.PostStop();
    }

    private void OnRequest(AnalyzeRequest m)
    {
        var client = Sender;
        if (client.IsNobody()) return;
        AddClient(client, m.ClientId);
        if (_analyzer is IAnalyzerReadiness readiness && !readiness.IsReady())
        {
            _skippedStarting++;
            return;
        }
        if (_relays.Take(client, m)) return;
        if (_rings.Mapped(client, m) is not { } ring) return;
        _batches.Accept(client, m, ring);
        _batches.Dispatch();
    }

    private void AddClient(IActorRef client, string clientId)
    {
        if (_clients.TryAdd(client, clientId)) Context.Watch(client);
    }

    private void OnTerminated(Terminated t)
    {
        // Remoting declares an address terminated, not an incarnation: a client or ring owner on this host
        // whose process lives was not the one that died (its node restarted on the same host:port).
        if (t.AddressTerminated && (_channels.ClientAlive(t.ActorRef) || _rings.OwnerAlive(t.ActorRef) || _relays.OwnerAlive(t.ActorRef)))
        {
            _log.Warning("Master {0}: remoting declared {1}'s address terminated, but its process lives; keeping it", Settings.MasterId, t.ActorRef.Path);
            _rewatch.Add(t.ActorRef);
            Timers.StartSingleTimer(nameof(Rewatch), Rewatch.Instance, RewatchAfter);
            return;
        }
        _channels.OnTerminated(t.ActorRef);
        if (_clients.Remove(t.ActorRef))
        {
            _batches.ReleaseWhere((client, _) => client.Equals(t.ActorRef));
            _rings.ForgetClient(t.ActorRef);
            _relays.ForgetClient(t.ActorRef);
        }
        _rings.OnTerminated(t.ActorRef);
        _relays.OnTerminated(t.ActorRef);
    }
}
