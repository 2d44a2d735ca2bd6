using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;
using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// An Akka scheduler that wakes only when something is due: every scheduled item is its own
/// System.Threading.Timer, and the .NET timer queue sleeps until the next due time. Akka's default
/// (HashedWheelTimerScheduler) ticks every 10 ms, idle or not. Chosen by
/// <c>akka.scheduler.implementation</c> in <see cref="NodeConfig"/>.
/// </summary>
/// <remarks>
/// Items run on the thread pool; a repeated item re-arms after each run (fixed delay, never two
/// runs of one item at once). Disposing the scheduler drops every outstanding item without running it.
/// </remarks>
internal sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly ConcurrentDictionary<ScheduledItem, byte> _pending = new();
    private int _disposed;

    /// <summary>Akka creates schedulers through this signature (the system's config and log).</summary>
    public TimerQueueScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
    }

    /// <summary>Items scheduled and neither finished, cancelled nor dropped (for tests).</summary>
    internal int PendingCount => _pending.Count;

    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    public override TimeSpan MonotonicClock => TimeSpan.FromMilliseconds(Clock.ElapsedMilliseconds);

    public override TimeSpan HighResMonotonicClock => Clock.Elapsed;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message,
        IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval,
        ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action,
        ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action,
        ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    /// <summary>Stops every outstanding item; none of them runs afterwards (one already running finishes).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var item in _pending.Keys)
            item.Stop();
    }

    private void Schedule(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        // The same exception as Akka's own scheduler after shutdown: Akka's callers expect it.
        if (Volatile.Read(ref _disposed) != 0)
            throw new SchedulerException("cannot schedule: the scheduler was disposed");
        var item = new ScheduledItem(this, action, interval, cancelable);
        _pending.TryAdd(item, 0);
        item.Start(delay);
        // Dispose may have swept _pending just before the item was added.
        if (Volatile.Read(ref _disposed) != 0)
            item.Stop();
    }

    internal void Run(Action action)
    {
        try
        {
            action();
        }
        catch (SchedulerException ex)
        {
            // The action scheduled more work while the system was shutting down.
            Log.Debug("Scheduled task failed during shutdown: {0}", ex.Message);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "Scheduled task failed");
        }
    }

    internal void Forget(ScheduledItem item) => _pending.TryRemove(item, out _);
}
