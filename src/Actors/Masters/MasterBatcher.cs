using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Analysis;
using Valkka.Actors.Hosting;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Masters;

/// <summary>
/// A master's batching: a request's frame is leased on arrival and held until its batch ran; a batch
/// runs when MaxBatchSize frames wait or the oldest waited MaxWait (the deadline). Each client has at
/// most MaxInFlightPerClient frames waiting (latest wins, replaced ones counted as skipped). Every
/// result goes back to the client that asked, tagged with camera id and the camera frame's sequence.
/// </summary>
internal sealed class MasterBatcher
{
    private const int BatchHistory = 4096;

    private readonly MasterSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly BatchAnalyzerCall _analyze;
    private readonly Action<IActorRef, MasterResult> _reply;
    private readonly IActorDeadline _deadline;
    private readonly BatchQueue<IActorRef, PendingFrame> _queue;
    private readonly List<(IActorRef Key, PendingFrame Item)> _batch = new();
    private readonly List<PendingFrame> _removed = new();
    private readonly BatchFrame[] _frames;
    private readonly IAnalysisResult?[] _results;
    private readonly Queue<int> _batchSizes = new();
    private double _analyzerMs;
    // The arrival (Stopwatch ticks) of the request the deadline is set for: a new request behind it
    // needs no new deadline.
    private long? _deadlineFor;

    /// <param name="reply">Sends a result to the client that asked.</param>
    /// <param name="deadline">Tells the actor when the oldest waiting request is due; the actor then calls <see cref="OnBatchDue"/>.</param>
    public MasterBatcher(MasterSettings settings, ILoggingAdapter log, BatchAnalyzerCall analyze, Action<IActorRef, MasterResult> reply,
        IActorDeadline deadline)
    {
        _settings = settings;
        _log = log;
        _analyze = analyze;
        _reply = reply;
        _deadline = deadline;
        _queue = new BatchQueue<IActorRef, PendingFrame>(settings.MaxInFlightPerClient);
        _frames = new BatchFrame[settings.MaxBatchSize];
        _results = new IAnalysisResult?[settings.MaxBatchSize];
    }

    public long Batches { get; private set; }
    public long Frames { get; private set; }
    public long Results { get; private set; }
    /// <summary>Requests whose frame was overwritten before it could be leased.</summary>
    public long Stale { get; private set; }
    /// <summary>Requests replaced by a newer one of the same client (latest wins).</summary>
    public long Skipped { get; private set; }
    public int MaxBatchSeen { get; private set; }
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Frames / Batches;
    public double MeanAnalyzerMs => Batches == 0 ? 0 : _analyzerMs / Batches;
    /// <summary>The sizes of the latest batches, oldest first.</summary>
    public List<int> RecentBatchSizes() => _batchSizes.ToList();

    /// <summary>Leases the request's frame in ring (mapped) and queues it; call <see cref="Dispatch"/> after.</summary>
    public void Accept(IActorRef client, AnalyzeRequest m, MasterRing ring)
    {
        var frame = m.Frame;
        if (!string.Equals(frame.Ring, ring.Path, StringComparison.Ordinal)
            || ring.Reader!.TryLease(frame.Slot, frame.Sequence, out var lease) == LeaseResult.Stale)
        {
            Stale++;
            return;
        }
        if (_queue.Add(client, new PendingFrame(client, m, ring, lease), Stopwatch.GetTimestamp(), out var evicted))
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
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            unsafe
            {
                _frames[i] = new BatchFrame(p.Request.Frame.CameraId, p.Request.SourceSequence, p.Lease.Info, p.Lease.Data);
            }
        }
        bool analyzed = Analyze(n);
        Batches++;
        Frames += n;
        MaxBatchSeen = Math.Max(MaxBatchSeen, n);
        _batchSizes.Enqueue(n);
        if (_batchSizes.Count > BatchHistory) _batchSizes.Dequeue();
        if (!analyzed)
        {
            _batch.Clear();
            return;
        }
        for (int i = 0; i < n; i++)
        {
            var p = _batch[i].Item;
            var result = _results[i];
            _results[i] = null;
            if (result is null) continue;
            _reply(p.Client, new MasterResult(p.Request.ClientId, p.Request.Frame.CameraId, p.Request.SourceSequence, result));
            Results++;
        }
        _batch.Clear();
    }

    /// <summary>Runs the analyzer on the n frames of the batch into _results; false when it failed. The leases are released either way.</summary>
    private bool Analyze(int n)
    {
        bool analyzed = false;
        long started = Stopwatch.GetTimestamp();
        try
        {
            _analyze(new FrameBatch(new ReadOnlySpan<BatchFrame>(_frames, 0, n)), new Span<IAnalysisResult?>(_results, 0, n));
            analyzed = true;
        }
        catch (Exception e)
        {
            _log.Error(e, "Master {0}: the analyzer failed on a batch of {1}", _settings.MasterId, n);
            Array.Clear(_results, 0, n);
        }
        finally
        {
            for (int i = 0; i < n; i++)
            {
                _batch[i].Item.Release();
                _frames[i] = default;
            }
        }
        _analyzerMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return analyzed;
    }
}
