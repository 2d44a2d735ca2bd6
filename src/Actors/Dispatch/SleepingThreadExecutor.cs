using System.Diagnostics;
using Akka.Dispatch;
using Valkka.Shm;
using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// Runs an actor's mailbox on one dedicated thread that sleeps as soon as it has nothing to do.
/// Akka's PinnedDispatcher thread (DedicatedThreadPool) instead spins through up to ~100
/// Thread.Sleep(0) calls before it sleeps, after every message: at a few hundred messages a second
/// that spinning cost more CPU than a client's or master's own work.
/// Where the kernel has futex_waitv the thread also hosts ring sources (<see cref="TryHost"/>): it
/// sleeps on their doorbells and its mailbox at once and polls them itself, so a request arriving
/// through a same-host queue costs one wake-up of this thread (none while it is busy) instead of a
/// wake-up of a reader thread plus a hand-over to this one. The thread also keeps one deadline for
/// its actor (<see cref="SetDeadline"/>): a master's batch timer wakes only this thread, where an Akka
/// timer wakes the timer thread, a pool thread and then this one. Actors reach it through their
/// dispatcher (<see cref="SleepingThreadDispatcher"/>, <see cref="ActorHosting"/>).
/// </summary>
internal sealed class SleepingThreadExecutor : ExecutorService
{
    private static readonly TimeSpan SleepLimit = TimeSpan.FromSeconds(1);

    private readonly Queue<IRunnable> _queue = new();
    private readonly RingWaiter? _waiter = RingWaiter.IsSupported ? new RingWaiter() : null;
    // Held by the thread while it polls and sleeps on the sources; a change from another thread
    // wakes it and takes the lock, so no ring is unmapped under a sleeping futex_waitv.
    private readonly Lock _sourcesLock = new();
    private IRingWakeSource[] _sources = [];
    private RingWait[] _waits = [];
    private int _changesPending;
    private bool _shutdown;
    // Touched by this executor's thread only.
    private long _deadline = long.MaxValue;
    private Action? _onDeadline;
    private readonly Thread _thread;

    public SleepingThreadExecutor(string id) : base(id)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "valkka.analyzer" };
        _thread.Start();
    }

    private bool OnOwnThread => Thread.CurrentThread == _thread;

    public override void Execute(IRunnable run)
    {
        bool wasIdle;
        lock (_queue)
        {
            if (_shutdown) throw new RejectedExecutionException($"executor of {Id} is shut down");
            _queue.Enqueue(run);
            wasIdle = _queue.Count == 1;
            if (wasIdle && _waiter is null) Monitor.Pulse(_queue);
        }
        if (wasIdle) _waiter?.Wake();
    }

    public override void Shutdown()
    {
        lock (_queue)
        {
            _shutdown = true;
            Monitor.Pulse(_queue);
        }
        _waiter?.Wake();
    }

    /// <summary>
    /// Lets this executor's thread poll and sleep on source. False where futex_waitv is missing or the
    /// thread already covers as many rings as one wait can: give the source a thread of its own then.
    /// </summary>
    public bool TryHost(IRingWakeSource source)
    {
        if (_waiter is null) return false;
        return ChangeSources(sources =>
        {
            if (sources.Length >= RingWaiter.MaxRings) return null;
            return [.. sources, source];
        });
    }

    /// <summary>Stops polling source; when this returns, the thread no longer touches it (its ring may be unmapped).</summary>
    public void Unhost(IRingWakeSource source) => ChangeSources(sources => [.. sources.Where(s => !ReferenceEquals(s, source))]);

    /// <summary>
    /// From this executor's thread (the actor's own code): calls onDue on this thread once
    /// Stopwatch.GetTimestamp() reaches deadline, replacing any deadline set before. onDue should only
    /// tell the actor something; it runs outside the actor's turn.
    /// </summary>
    public void SetDeadline(long deadline, Action onDue)
    {
        if (!OnOwnThread) throw new InvalidOperationException($"only the thread of {Id} may set its deadline");
        _deadline = deadline;
        _onDeadline = onDue;
    }

    /// <summary>Forgets the deadline (from this executor's thread).</summary>
    public void ClearDeadline()
    {
        if (!OnOwnThread) throw new InvalidOperationException($"only the thread of {Id} may clear its deadline");
        _deadline = long.MaxValue;
        _onDeadline = null;
    }

    private void RunDeadlineIfDue()
    {
        if (_deadline == long.MaxValue || Stopwatch.GetTimestamp() < _deadline) return;
        var onDue = _onDeadline!;
        ClearDeadline();
        try
        {
            onDue();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"valkka: the deadline callback of {Id} failed: {e}");
        }
    }

    private TimeSpan TimeToSleep()
    {
        if (_deadline == long.MaxValue) return SleepLimit;
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < SleepLimit ? left : SleepLimit;
    }

    private bool ChangeSources(Func<IRingWakeSource[], IRingWakeSource[]?> change)
    {
        bool onOwnThread = OnOwnThread;
        if (!onOwnThread)
        {
            Interlocked.Increment(ref _changesPending);
            _waiter!.Wake();
        }
        try
        {
            lock (_sourcesLock)
            {
                if (change(_sources) is not { } changed) return false;
                _sources = changed;
                _waits = new RingWait[changed.Length];
                return true;
            }
        }
        finally
        {
            if (!onOwnThread) Interlocked.Decrement(ref _changesPending);
        }
    }

    private void Run()
    {
        while (true)
        {
            RunDeadlineIfDue();
            int wakeCount = _waiter?.WakeCount ?? 0;
            IRunnable? next = null;
            lock (_queue)
            {
                if (_queue.Count > 0) next = _queue.Dequeue();
                else if (_shutdown) return;
                else if (_waiter is null)
                {
                    var sleep = TimeToSleep();
                    if (sleep > TimeSpan.Zero) Monitor.Wait(_queue, sleep);
                    continue;
                }
            }
            if (next is not null)
            {
                RunOne(next);
                continue;
            }
            PollOrSleep(wakeCount);
        }
    }

    private void PollOrSleep(int wakeCount)
    {
        lock (_sourcesLock)
        {
            bool delivered = false;
            foreach (var source in _sources)
            {
                try
                {
                    delivered |= source.Poll();
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"valkka: a ring source of {Id} failed: {e}");
                }
            }
            if (delivered || Volatile.Read(ref _changesPending) != 0) return;
            var sleep = TimeToSleep();
            if (sleep <= TimeSpan.Zero) return;
            for (int i = 0; i < _sources.Length; i++) _waits[i] = _sources[i].Awaited;
            _waiter!.Wait(wakeCount, _waits, sleep);
        }
    }

    private void RunOne(IRunnable next)
    {
        try
        {
            next.Run();
        }
        catch (Exception e)
        {
            // Mailbox runs handle actor failures themselves; anything here is a bug in Akka or us.
            Console.Error.WriteLine($"valkka: uncaught exception on the thread of {Id}: {e}");
        }
    }
}
