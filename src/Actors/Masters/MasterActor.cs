using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Channels;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Actors.Topology;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// Batches frames forwarded by its clients through one heavy analyzer. A request's frame is leased
/// on arrival and held until its batch ran; a batch leaves when MaxBatchSize frames wait or the
/// oldest waited MaxWait. Each client has at most MaxInFlightPerClient frames waiting (latest wins,
/// replaced ones counted as skipped). Each result goes back to the client that asked, tagged with
/// camera id and frame sequence. Leases of clients or rings that went away are released.
/// </summary>
public class MasterActor : ReceiveActor, IWithTimers
{
    private sealed record BatchDue
    {
        public static readonly BatchDue Instance = new();
    }

    private const int MaxWaitingForRing = 64;
    private const int BatchHistory = 4096;

    private readonly IBatchAnalyzer? _analyzer;
    private readonly ILoggingAdapter _log;
    private readonly BatchQueue<IActorRef, PendingFrame> _queue;
    private readonly Dictionary<IActorRef, MasterRing> _rings = new();
    private readonly Dictionary<IActorRef, string> _clients = new();
    private readonly Dictionary<IActorRef, SameHostChannel> _channels = new();
    private int _channelCount;
    private readonly List<(IActorRef Key, PendingFrame Item)> _batch = new();
    private readonly List<PendingFrame> _removed = new();
    private readonly FrameView[] _views;
    private readonly Queue<int> _batchSizes = new();
    private long _batches, _frames, _results, _stale, _skipped, _errors;
    private double _analyzerMs;
    private int _maxBatchSeen;
    // The arrival (Stopwatch ticks) of the request the batch timer is set for: a new request behind
    // it needs no new timer (restarting one per request cost a timer allocation and a pool thread).
    private long? _timerFor;
    private readonly ActorHosting _hosting;
    private readonly IActorDeadline _batchDeadline;

    public MasterActor(MasterSettings settings) : this(settings, null) { }

    public MasterActor(MasterSettings settings, IBatchAnalyzer? analyzer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxBatchSize < 1) throw new ArgumentException($"master {settings.MasterId}: max batch size must be at least 1, got {settings.MaxBatchSize}");
        if (settings.MaxWait < TimeSpan.Zero) throw new ArgumentException($"master {settings.MasterId}: max wait must not be negative");
        Settings = settings;
        _log = Context.GetLogger();
        _analyzer = analyzer ?? (string.IsNullOrWhiteSpace(settings.AnalyzerType)
            ? null
            : AnalyzerFactory.Create<IBatchAnalyzer>(settings.AnalyzerType, settings.AnalyzerSettings));
        _queue = new BatchQueue<IActorRef, PendingFrame>(settings.MaxInFlightPerClient);
        _views = new FrameView[settings.MaxBatchSize];
        _hosting = ActorHosting.For(settings.RingSources, Context);
        _batchDeadline = _hosting.Deadline(Timers, BatchDue.Instance);

        Receive<AnalyzeRequest>(OnRequest);
        Receive<OpenChannel>(OnOpenChannel);
        Receive<Subscribed>(OnSubscribed);
        Receive<SubscribeRejected>(OnRejected);
        Receive<BatchDue>(_ => OnBatchDue());
        Receive<Terminated>(OnTerminated);
        Receive<GetStats>(_ => Sender.Tell(new MasterStats(Settings.MasterId, _batches, _frames, _results,
            _batches == 0 ? 0 : (double)_frames / _batches, _batches == 0 ? 0 : _analyzerMs / _batches)));
        Receive<GetMasterDetails>(_ => Sender.Tell(new MasterDetails(Settings.MasterId, _batches, _frames, _stale, _skipped,
            _maxBatchSeen, _clients.Count, _batchSizes.ToList(), _channels.Count, _channels.Values.Count(c => c.Incoming.IsHosted))));
    }

    /// <summary>On the dispatcher settings.RingSources needs (the analyzer dispatcher by default).</summary>
    public static Props Props(MasterSettings settings) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new MasterActor(settings, null)));

    /// <summary>A master with an analyzer made by factory (tests, in-process use).</summary>
    public static Props Props(MasterSettings settings, Func<IBatchAnalyzer> factory) =>
        ActorHosting.OnDispatcherFor(settings.RingSources, Akka.Actor.Props.Create(() => new MasterActor(settings, factory())));

    public ITimerScheduler Timers { get; set; } = null!;

    public MasterSettings Settings { get; }

    /// <summary>Runs the analyzer on one batch; exactly one result per frame, in order.</summary>
    protected virtual IReadOnlyList<IAnalysisResult> AnalyzeBatch(ReadOnlySpan<FrameView> frames)
    {
        if (_analyzer is null)
            throw new InvalidOperationException($"master {Settings.MasterId} has no analyzer: give AnalyzerType or override AnalyzeBatch");
        return _analyzer.AnalyzeBatch(frames);
    }

    protected override void PostStop()
    {
        _batchDeadline.Clear();
        _removed.Clear();
        _queue.RemoveWhere((_, _) => true, _removed);
        foreach (var p in _removed) p.Release();
        foreach (var ring in _rings.Values) ring.Reader?.Dispose();
        _rings.Clear();
        foreach (var channel in _channels.Values) channel.Dispose();
        _channels.Clear();
        if (_analyzer is IDisposable disposable) disposable.Dispose();
        base.PostStop();
    }

    private void OnRequest(AnalyzeRequest m)
    {
        var client = Sender;
        if (client.IsNobody()) return;
        if (_clients.TryAdd(client, m.ClientId)) Context.Watch(client);
        if (!_rings.TryGetValue(m.RingOwner, out var ring))
        {
            ring = new MasterRing(m.RingOwner);
            _rings.Add(m.RingOwner, ring);
            Context.Watch(m.RingOwner);
            m.RingOwner.Tell(new AttachReader(ActorPaths.MasterName(Settings.MasterId)), Self);
        }
        if (ring.Reader is null)
        {
            if (ring.Waiting.Count >= MaxWaitingForRing)
            {
                ring.Waiting.RemoveAt(0);
                _skipped++;
            }
            ring.Waiting.Add((client, m));
            return;
        }
        Accept(client, m, ring);
        Dispatch();
    }

    private void Accept(IActorRef client, AnalyzeRequest m, MasterRing ring)
    {
        var frame = m.Frame;
        if (!string.Equals(frame.Ring, ring.Path, StringComparison.Ordinal)
            || ring.Reader!.TryLease(frame.Slot, frame.Sequence, out var lease) == LeaseResult.Stale)
        {
            _stale++;
            return;
        }
        if (_queue.Add(client, new PendingFrame(client, m, ring, lease), Stopwatch.GetTimestamp(), out var evicted))
        {
            evicted.Release();
            _skipped++;
        }
    }

    private void Dispatch()
    {
        while (_queue.Count >= Settings.MaxBatchSize) RunBatch();
        if (_queue.OldestArrivedTicks is not { } oldest) return;
        var left = Settings.MaxWait - Stopwatch.GetElapsedTime(oldest);
        if (left <= TimeSpan.Zero)
        {
            RunBatch();
            Dispatch();
            return;
        }
        if (_timerFor == oldest) return;
        _timerFor = oldest;
        _batchDeadline.Set(oldest + (long)(Settings.MaxWait.TotalSeconds * Stopwatch.Frequency));
    }

    private void OnBatchDue()
    {
        _timerFor = null;
        if (_queue.OldestArrivedTicks is not { } oldest) return;
        if (Stopwatch.GetElapsedTime(oldest) >= Settings.MaxWait - TimeSpan.FromMilliseconds(1)) RunBatch();
        Dispatch();
    }

    private void RunBatch()
    {
        _queue.TakeBatch(Settings.MaxBatchSize, _batch);
        int n = _batch.Count;
        if (n == 0) return;
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            unsafe
            {
                _views[i] = new FrameView(p.Request.Frame.CameraId, p.Request.SourceSequence, p.Lease.Info, p.Lease.Data);
            }
        }
        IReadOnlyList<IAnalysisResult>? results = null;
        long started = Stopwatch.GetTimestamp();
        try
        {
            results = AnalyzeBatch(new ReadOnlySpan<FrameView>(_views, 0, n));
            if (results.Count != n)
            {
                _log.Error("Master {0}: the analyzer returned {1} results for {2} frames; dropping the batch", Settings.MasterId, results.Count, n);
                results = null;
            }
        }
        catch (Exception e)
        {
            _errors++;
            _log.Error(e, "Master {0}: the analyzer failed on a batch of {1}", Settings.MasterId, n);
        }
        finally
        {
            for (int i = 0; i < n; i++)
            {
                _batch[i].Item.Release();
                _views[i] = default;
            }
        }
        _analyzerMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _batches++;
        _frames += n;
        _maxBatchSeen = Math.Max(_maxBatchSeen, n);
        _batchSizes.Enqueue(n);
        if (_batchSizes.Count > BatchHistory) _batchSizes.Dequeue();
        if (results is null) return;
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            var result = results[i];
            if (result is null) continue;
            var answer = new MasterResult(p.Request.ClientId, p.Request.Frame.CameraId, p.Request.SourceSequence, result);
            if (!(_channels.TryGetValue(p.Client, out var channel) && channel.TrySend(answer))) p.Client.Tell(answer, Self);
            _results++;
        }
        _batch.Clear();
    }

    /// <summary>A client on this host offers a shared-memory queue for its requests; answer with one for its results.</summary>
    private void OnOpenChannel(OpenChannel m)
    {
        var client = Sender;
        if (client is IActorRefScope { IsLocal: true })
        {
            client.Tell(new ChannelRefused(Settings.MasterId, "client and master share one actor system: their messages are local already"));
            return;
        }
        if (m.Ring.HostIdentity != HostIdentity.Current)
        {
            client.Tell(new ChannelRefused(Settings.MasterId, $"the client runs on {m.Ring.HostIdentity}, this master on {HostIdentity.Current}"));
            return;
        }
        if (_channels.Remove(client, out var old)) old.Dispose(); // the client offers again (it restarted, or missed our answer)
        MessageChannelWriter? results = null;
        try
        {
            results = MessageChannelWriter.Create(Context.System, m.Topology, ActorPaths.QueueName(Settings.MasterId, ++_channelCount));
            var requests = MessageChannelReader.Start(Context.System, m.Ring.Path, m.ReaderIndex, Self, client, _log, _hosting);
            _channels.Add(client, new SameHostChannel(client, results, requests));
        }
        catch (RingException e)
        {
            results?.Dispose();
            client.Tell(new ChannelRefused(Settings.MasterId, $"cannot open the queues: {e.Message}"));
            return;
        }
        if (_clients.TryAdd(client, m.ClientId)) Context.Watch(client);
        client.Tell(new ChannelOpened(Settings.MasterId, m.Ring.Path, results.Descriptor, results.ReaderIndex));
        _log.Info("Master {0}: client {1}'s requests and results go through shared-memory queues", Settings.MasterId, m.ClientId);
    }

    private void OnSubscribed(Subscribed m)
    {
        if (!_rings.TryGetValue(m.Owner, out var ring) || ring.Reader is not null) return;
        if (m.Ring.HostIdentity != HostIdentity.Current)
        {
            _log.Error("Master {0}: ring {1} of {2} is on another host ({3}, this master runs on {4}); shared-memory rings cannot be " +
                       "mapped across hosts and carrying pixels between hosts is not supported yet: run the master on the cameras' host.",
                Settings.MasterId, m.Ring.Path, m.OwnerId, m.Ring.HostIdentity, HostIdentity.Current);
            DropRing(ring);
            return;
        }
        try
        {
            ring.Reader = FrameRingReader.Attach(m.Ring.Path, m.ReaderIndex);
            ring.Path = m.Ring.Path;
        }
        catch (RingException e)
        {
            _log.Error("Master {0}: cannot map ring {1}: {2}", Settings.MasterId, m.Ring.Path, e.Message);
            DropRing(ring);
            return;
        }
        foreach (var (client, request) in ring.Waiting) Accept(client, request, ring);
        ring.Waiting.Clear();
        Dispatch();
    }

    private void OnRejected(SubscribeRejected m)
    {
        if (!_rings.TryGetValue(Sender, out var ring)) return;
        _log.Error("Master {0}: ring owner {1} refused: {2}", Settings.MasterId, m.OwnerId, m.Reason);
        DropRing(ring);
    }

    private void OnTerminated(Terminated t)
    {
        if (_channels.Remove(t.ActorRef, out var channel)) channel.Dispose();
        if (_clients.Remove(t.ActorRef))
        {
            ReleaseWhere((client, _) => client.Equals(t.ActorRef));
            foreach (var ring in _rings.Values) ring.Waiting.RemoveAll(w => w.Client.Equals(t.ActorRef));
        }
        if (_rings.TryGetValue(t.ActorRef, out var gone)) DropRing(gone);
    }

    private void DropRing(MasterRing ring)
    {
        ReleaseWhere((_, p) => ReferenceEquals(p.Ring, ring));
        _skipped += ring.Waiting.Count;
        ring.Waiting.Clear();
        ring.Reader?.Dispose();
        ring.Reader = null;
        _rings.Remove(ring.Owner);
        if (!_clients.ContainsKey(ring.Owner)) Context.Unwatch(ring.Owner);
    }

    private void ReleaseWhere(Func<IActorRef, PendingFrame, bool> predicate)
    {
        _removed.Clear();
        _queue.RemoveWhere(predicate, _removed);
        foreach (var p in _removed) p.Release();
        _removed.Clear();
    }
}
