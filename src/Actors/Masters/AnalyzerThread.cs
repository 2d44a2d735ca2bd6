using Valkka.Actors.Analysis;

namespace Valkka.Actors.Masters;

/// <summary>
/// A thread of its own that runs one batch analyzer call at a time while the master's thread waits
/// for it, at most a timeout. A call still running at the timeout is abandoned: the thread ends when
/// (if ever) the call returns, and tells abandonedCallEnded then. The frames are copied into the
/// thread's own array, so an abandoned call keeps its views while the master goes on.
/// </summary>
internal sealed class AnalyzerThread
{
    private const int Idle = 0, Running = 1, Finished = 2, Abandoned = 3, Stopping = 4;

    private readonly BatchAnalyzerCall _call;
    private readonly Action<AnalyzerThread> _abandonedCallEnded;
    private readonly BatchFrame[] _frames;
    private readonly IAnalysisResult?[] _results;
    private readonly ManualResetEventSlim _start = new(false);
    private readonly ManualResetEventSlim _done = new(false);
    private int _state;
    private int _count;
    private Exception? _error;

    public AnalyzerThread(string name, BatchAnalyzerCall call, int maxBatchSize, Action<AnalyzerThread> abandonedCallEnded)
    {
        _call = call;
        _abandonedCallEnded = abandonedCallEnded;
        _frames = new BatchFrame[maxBatchSize];
        _results = new IAnalysisResult?[maxBatchSize];
        new Thread(Loop) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>
    /// Runs the call on frames; true when it returned or threw within timeout (results or error set),
    /// false when it is abandoned (this thread must not be used again).
    /// </summary>
    public bool TryRun(ReadOnlySpan<BatchFrame> frames, TimeSpan timeout, out IAnalysisResult?[]? results, out Exception? error)
    {
        frames.CopyTo(_frames);
        _count = frames.Length;
        _done.Reset();
        Volatile.Write(ref _state, Running);
        _start.Set();
        // A call that finishes between the wait's end and the exchange still counts as in time.
        if (_done.Wait(timeout) || Interlocked.CompareExchange(ref _state, Abandoned, Running) != Running)
        {
            _done.Wait();
            results = _error is null ? _results : null;
            error = _error;
            _error = null;
            return true;
        }
        results = null;
        error = null;
        return false;
    }

    /// <summary>Ends an idle thread (an abandoned one ends by itself when its call returns).</summary>
    public void Stop()
    {
        if (Interlocked.CompareExchange(ref _state, Stopping, Idle) == Idle) _start.Set();
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            if (Volatile.Read(ref _state) == Stopping) return;
            try { _call(new FrameBatch(new ReadOnlySpan<BatchFrame>(_frames, 0, _count)), new Span<IAnalysisResult?>(_results, 0, _count)); }
            catch (Exception e)
            {
                _error = e;
                Array.Clear(_results, 0, _count);
            }
            Array.Clear(_frames, 0, _count);
            if (Interlocked.CompareExchange(ref _state, Finished, Running) == Abandoned)
            {
                _abandonedCallEnded(this);
                return;
            }
            Volatile.Write(ref _state, Idle);
            _done.Set();
        }
    }
}
