using System.Diagnostics;
using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Messages;
using Valkka.Media.Decoding;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// A master's batching: a request's frame is leased on arrival and held until its batch ran; a batch
/// runs when MaxBatchSize frames wait or the oldest waited MaxWait (the deadline). Each client has at
/// most MaxInFlightPerClient frames waiting (latest wins, replaced ones counted as skipped). Every
/// result goes back to the client that asked, tagged with camera id and the camera frame's sequence;
/// a batch the analyzer could not analyze (<see cref="GuardedBatchAnalyzer"/>) gets an
/// <see cref="AnalysisFailed"/> result for each of its frames instead.
/// </summary>
internal sealed class MasterBatcher
{
    private const int BatchHistory = 4096;

    private readonly MasterSettings _settings;
    private readonly GuardedBatchAnalyzer _analyze;
    private readonly PinnedReaders _pinned;
    private readonly Action<IActorRef, MasterResult> _reply;
    private readonly IActorDeadline _deadline;
    private readonly BatchQueue<IActorRef, PendingFrame> _queue;
    private readonly List<(IActorRef Key, PendingFrame Item)> _batch = new();
    private readonly List<PendingFrame> _removed = new();
    private readonly BatchFrame[] _frames;
    private readonly Queue<int> _batchSizes = new();
    private double _analyzerMs;
    // The arrival (Stopwatch ticks) of the request the deadline is set for: a new request behind it
    // needs no new deadline.
    private long? _deadlineFor;

    /// <param name="reply">Sends a result to the client that asked.</param>
    /// <param name="deadline">Tells the actor when the oldest waiting request is due; the actor then calls <see cref="OnBatchDue"/>.</param>
    public MasterBatcher(MasterSettings settings, GuardedBatchAnalyzer analyze, PinnedReaders pinned,
        Action<IActorRef, MasterResult> reply, IActorDeadline deadline)
    {
        _settings = settings;
        _analyze = analyze;
        _pinned = pinned;
        _reply = reply;
        _deadline = deadline;
        _queue = new BatchQueue<IActorRef, PendingFrame>(settings.MaxInFlightPerClient);
        _frames = new BatchFrame[settings.MaxBatchSize];
    }

    public long Batches { get; private set; }
    public long Frames { get; private set; }
    public long Results { get; private set; }
    /// <summary>Requests whose frame was overwritten before it could be leased.</summary>
    public long Stale { get; private set; }
    /// <summary>Requests replaced by a newer one of the same client (latest wins).</summary>
    public long Skipped { get; private set; }
    public int MaxBatchSeen { get; private set; }
    /// <summary>Frames of the batches the analyzer could not analyze (their clients got AnalysisFailed).</summary>
    public long FailedFrames { get; private set; }
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Frames / Batches;
    public double MeanAnalyzerMs => Batches == 0 ? 0 : _analyzerMs / Batches;
    /// <summary>The sizes of the latest batches, oldest first.</summary>
    public List<int> RecentBatchSizes() => _batchSizes.ToList();

    /// <summary>Leases the request's frame in ring (mapped) and queues it; call <see cref="Dispatch"/> after.</summary>
    public void Accept(IActorRef client, AnalyzeRequest m, MasterRing ring)
    {
        var frame = m.Frame;
        if (!string.Equals(frame.Ring, ring.Path, StringComparison.Ordinal)
            || ring.Reader!.TryLease(frame.Slot, frame.Sequence, out var lease) != LeaseResult.Leased) // stale, or corrupt
        {
            Stale++;
            return;
        }
        var now = Stopwatch.GetTimestamp();
        if (_queue.Add(client, new PendingFrame(client, m, ring, lease, now), now, out var evicted))
        {
            evicted.Release();
            Skipped++;
        }
    }

    /// <summary>Runs every batch that is full or due, and sets the deadline for the next one.</summary>
    public void Dispatch()
    {
        while (_queue.Count >= _settings.MaxBatchSize) RunBatch();
        if (_queue.OldestArrivedTicks is not { } oldest) return;
        if (Stopwatch.GetElapsedTime(oldest) >= _settings.MaxWait)
        {
            RunBatch();
            Dispatch();
            return;
        }
        if (_deadlineFor == oldest) return;
        _deadlineFor = oldest;
        _deadline.Set(oldest + (long)(_settings.MaxWait.TotalSeconds * Stopwatch.Frequency));
    }

    public void OnBatchDue()
    {
        _deadlineFor = null;
        if (_queue.OldestArrivedTicks is not { } oldest) return;
        if (Stopwatch.GetElapsedTime(oldest) >= _settings.MaxWait - TimeSpan.FromMilliseconds(1)) RunBatch();
        Dispatch();
    }

    /// <summary>Releases and forgets the waiting requests that match (a client or ring that went away).</summary>
    public void ReleaseWhere(Func<IActorRef, PendingFrame, bool> predicate)
    {
        _removed.Clear();
        _queue.RemoveWhere(predicate, _removed);
        foreach (var p in _removed) p.Release();
        _removed.Clear();
    }

    /// <summary>The master stops: no deadline, no lease left.</summary>
    public void Stop()
    {
        _deadline.Clear();
        ReleaseWhere((_, _) => true);
    }

    private void RunBatch()
    {
        _queue.TakeBatch(_settings.MaxBatchSize, _batch);
        int n = _batch.Count;
        if (n == 0) return;
        var taken = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            _settings.Instruments?.Waited(Stopwatch.GetElapsedTime(p.ArrivedTicks, taken).TotalSeconds);
            unsafe
            {
                _frames[i] = new BatchFrame(p.Request.Frame.CameraId, p.Request.SourceSequence, p.Lease.Info, p.Lease.Data)
                    { RingFile = p.Ring.Reader?.Path, RingOffset = p.Lease.FileOffset, RingReader = p.Ring.Reader };
            }
        }
        var results = Analyze(n, out var failure);
        Batches++;
        Frames += n;
        MaxBatchSeen = Math.Max(MaxBatchSeen, n);
        _batchSizes.Enqueue(n);
        if (_batchSizes.Count > BatchHistory) _batchSizes.Dequeue();
        IAnalysisResult? failed = results is null ? new AnalysisFailed(_settings.MasterId, failure!) : null;
        if (failed is not null) FailedFrames += n;
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            var result = failed ?? results![i];
            if (results is not null) results[i] = null;
            if (result is null) continue;
            _reply(p.Client, new MasterResult(p.Request.ClientId, p.Request.Frame.CameraId, p.Request.SourceSequence, result));
            if (failed is null) Results++;
        }
        _batch.Clear();
    }

    /// <summary>
    /// The analyzer's results for the n frames of the batch, or null and why not; the leases are
    /// released either way (an abandoned call's rings stay mapped until it ends).
    /// </summary>
    private IAnalysisResult?[]? Analyze(int n, out string? failure)
    {
        long started = Stopwatch.GetTimestamp();
        var outcome = _analyze.Run(new ReadOnlySpan<BatchFrame>(_frames, 0, n));
        if (outcome.Abandoned is { } call)
        {
            _pinned.Pin(call, _batch.Select(b => b.Item.Ring.Reader).OfType<FrameRingReader>().Distinct().ToList());
        }
        for (int i = 0; i < n; i++)
        {
            _batch[i].Item.Release();
            _frames[i] = default;
        }
        var took = Stopwatch.GetElapsedTime(started);
        _analyzerMs += took.TotalMilliseconds;
        _settings.Instruments?.Ran(n, took.TotalSeconds);
        failure = outcome.Failure;
        return outcome.Results;
    }
}
