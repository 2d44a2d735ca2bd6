using Akka.Actor;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// One item of a <see cref="TimerQueueScheduler"/>: a one-shot Timer, re-armed after each run of a
/// repeated item, disposed when the item finishes, is cancelled or its scheduler is disposed.
/// </summary>
internal sealed class ScheduledItem
{
    // System.Threading.Timer takes at most 0xFFFFFFFE ms (about 49.7 days); longer delays are waited in parts.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly TimerQueueScheduler _owner;
    private readonly Action _action;
    private readonly TimeSpan _interval; // zero: run once
    private readonly ICancelable? _cancelable;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _registration; // guarded by _gate
    private TimeSpan _remaining;                         // guarded by _gate
    private bool _stopped;                               // guarded by _gate

    public ScheduledItem(TimerQueueScheduler owner, Action action, TimeSpan interval, ICancelable? cancelable)
    {
        _owner = owner;
        _action = action;
        _interval = interval;
        _cancelable = cancelable;
        // Not capturing the scheduling thread's ExecutionContext: its AsyncLocals would live as long as the timer.
        bool suppress = !ExecutionContext.IsFlowSuppressed();
        var flow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            _timer = new Timer(static s => ((ScheduledItem)s!).OnDue(), this, Timeout.Infinite, Timeout.Infinite);
        }
        finally
        {
            if (suppress) flow.Undo();
        }
    }

    public void Start(TimeSpan delay)
    {
        if (_cancelable is not null)
        {
            // Runs Stop at once if already cancelled; UnsafeRegister captures no ExecutionContext either.
            var registration = _cancelable.Token.UnsafeRegister(static s => ((ScheduledItem)s!).Stop(), this);
            lock (_gate)
            {
                if (_stopped)
                {
                    registration.Unregister();
                    return;
                }
                _registration = registration;
            }
        }
        lock (_gate)
        {
            if (!_stopped) Arm(delay);
        }
    }

    public void Stop()
    {
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            registration = _registration;
        }
        // Unregister, not Dispose: Dispose would wait for the token's callback, which may be this call.
        registration.Unregister();
        _timer.Dispose();
        _owner.Forget(this);
    }

    private void OnDue()
    {
        lock (_gate)
        {
            if (_stopped) return;
            if (_remaining > TimeSpan.Zero)
            {
                Arm(_remaining);
                return;
            }
        }
        // Cancelables without a cancellable token (custom ICancelable) are only seen here.
        if (_cancelable?.IsCancellationRequested == true)
        {
            Stop();
            return;
        }
        _owner.Run(_action);
        if (_interval == TimeSpan.Zero)
        {
            Stop();
            return;
        }
        lock (_gate)
        {
            if (!_stopped) Arm(_interval);
        }
    }

    private void Arm(TimeSpan due)
    {
        _remaining = due > MaxTimerDue ? due - MaxTimerDue : TimeSpan.Zero;
        if (due > MaxTimerDue) due = MaxTimerDue;
        // Rounded up: an item never runs before its delay because of the timer's millisecond unit.
        long dueMs = (due.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        _timer.Change(dueMs, Timeout.Infinite);
    }
}
