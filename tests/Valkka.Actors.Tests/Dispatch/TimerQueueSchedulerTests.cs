using Akka.Actor;
using Akka.TestKit;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Node;

namespace Valkka.Actors.Tests.Dispatch;

public sealed class TimerQueueSchedulerTests()
    : Akka.TestKit.Xunit2.TestKit(NodeConfig.CreateLocal([typeof(TimerQueueSchedulerTests).Assembly]))
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void A_node_system_runs_on_the_timer_queue_scheduler() =>
        Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);

    [Fact]
    public void A_tell_arrives_once_and_not_before_its_delay()
    {
        using var scheduler = NewScheduler();
        IScheduler timers = scheduler;
        var probe = CreateTestProbe();
        var started = scheduler.MonotonicClock;

        timers.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), probe, "tick", ActorRefs.NoSender);

        probe.ExpectMsg("tick", Eventually);
        // The timer queue counts whole milliseconds: a little slack, never a full early tick.
        Assert.True(scheduler.MonotonicClock - started >= TimeSpan.FromMilliseconds(190));
        probe.ExpectNoMsg(Quiet);
        AwaitCondition(() => scheduler.PendingCount == 0, Eventually);
    }

    [Fact]
    public void A_repeated_tell_keeps_arriving_until_cancelled()
    {
        using var scheduler = NewScheduler();
        IScheduler timers = scheduler;
        var probe = CreateTestProbe();

        var cancelable = timers.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20),
            probe, "tick", ActorRefs.NoSender);
        for (int i = 0; i < 3; i++)
            probe.ExpectMsg("tick", Eventually);
        cancelable.Cancel();

        Assert.Equal(0, scheduler.PendingCount);
        // A run that passed its cancellation check just before Cancel may still deliver one tick.
        probe.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void An_item_cancelled_before_it_is_due_never_runs()
    {
        using var scheduler = NewScheduler();
        IScheduler timers = scheduler;
        var probe = CreateTestProbe();

        var cancelable = timers.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(200), probe, "late", ActorRefs.NoSender);
        cancelable.Cancel();
        var alreadyCancelled = new Cancelable(timers);
        alreadyCancelled.Cancel();
        timers.ScheduleTellOnce(TimeSpan.Zero, probe, "never", ActorRefs.NoSender, alreadyCancelled);
        timers.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), probe, "never", ActorRefs.NoSender, alreadyCancelled);

        Assert.Equal(0, scheduler.PendingCount);
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_throwing_action_is_logged_and_stops_neither_itself_nor_other_items()
    {
        using var scheduler = NewScheduler();
        IScheduler timers = scheduler;
        var probe = CreateTestProbe();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(Eventually,
            () => timers.Advanced.ScheduleOnce(TimeSpan.Zero, () => throw new InvalidOperationException("once")));

        int runs = 0;
        using (EventFilter.Exception<ArithmeticException>().Mute())
        {
            var cancelable = new Cancelable(timers);
            timers.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () =>
            {
                Interlocked.Increment(ref runs);
                throw new ArithmeticException("repeated");
            }, cancelable);
            timers.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), probe, "after", ActorRefs.NoSender);

            AwaitCondition(() => Volatile.Read(ref runs) >= 3, Eventually);
            probe.ExpectMsg("after", Eventually);
            cancelable.Cancel();
        }
    }

    [Fact]
    public void Akka_timers_and_ask_timeouts_work_on_a_node_system()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe)));

        probe.FishForMessage(m => Equals(m, TimerActor.Once), Eventually);
        for (int i = 0; i < 3; i++)
            probe.FishForMessage(m => Equals(m, TimerActor.Tick), Eventually);
        actor.Tell(TimerActor.StopTicking);
        probe.FishForMessage(m => Equals(m, TimerActor.Stopped), Eventually);
        probe.ExpectNoMsg(Quiet);

        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()));
        Assert.Throws<AskTimeoutException>(() =>
            silent.Ask<object>("hello?", TimeSpan.FromMilliseconds(200)).GetAwaiter().GetResult());
    }

    [Fact]
    public void Disposing_the_scheduler_stops_every_item()
    {
        var scheduler = NewScheduler();
        IScheduler timers = scheduler;
        var probe = CreateTestProbe();
        timers.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), probe, "tick", ActorRefs.NoSender);
        timers.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), probe, "late", ActorRefs.NoSender);
        probe.ExpectMsg("tick", Eventually);

        scheduler.Dispose();

        Assert.Equal(0, scheduler.PendingCount);
        probe.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => Equals(m, "tick") ? m : null);
        probe.ExpectNoMsg(Quiet);
        Assert.Throws<SchedulerException>(() =>
            timers.ScheduleTellOnce(TimeSpan.Zero, probe, "too late", ActorRefs.NoSender));
    }

    /// <summary>A scheduler of its own, so a test can dispose it without touching the test's ActorSystem.</summary>
    private TimerQueueScheduler NewScheduler() => new(Sys.Settings.Config, Sys.Log);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public const string Tick = "tick", Once = "once", StopTicking = "stop ticking", Stopped = "stopped";

        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef probe)
        {
            Receive<string>(m => m == StopTicking, _ =>
            {
                Timers.Cancel(Tick);
                probe.Tell(Stopped);
            });
            Receive<string>(m => probe.Tell(m));
        }

        protected override void PreStart()
        {
            Timers.StartSingleTimer(Once, Once, TimeSpan.FromMilliseconds(100));
            Timers.StartPeriodicTimer(Tick, Tick, TimeSpan.FromMilliseconds(20));
        }
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }
}
