using Akka.Actor;
using Valkka.Actors.Dispatch;

namespace Valkka.Actors.Node;

/// <summary>
/// How one actor hosts its ring sources and its deadline, as its settings chose
/// (<see cref="RingSourceHosting"/>). The parts that need it (doorbell watchers, message queue
/// readers, the master's batching) are handed it, so none of them guesses from the thread it runs on.
/// </summary>
internal abstract class ActorHosting
{
    /// <summary>A thread of its own per ring source, deadlines as Akka timers: works anywhere (tests, other dispatchers).</summary>
    public static ActorHosting OwnThreads { get; } = new OwnThreadsHosting();

    /// <summary>The hosting an actor chose; call from its constructor.</summary>
    /// <exception cref="InvalidOperationException">ActorThread for an actor not on the analyzer dispatcher.</exception>
    public static ActorHosting For(RingSourceHosting hosting, IActorContext context) => hosting switch
    {
        RingSourceHosting.OwnThreads => OwnThreads,
        _ when context.Dispatcher is SleepingThreadDispatcher dispatcher => new ActorThreadHosting(dispatcher.Executor, context.Self),
        _ => throw new InvalidOperationException(
            $"{context.Self.Path} runs on dispatcher {context.Dispatcher.Id}: hosting its ring sources on its own thread needs " +
            $"{NodeConfig.AnalyzerDispatcher} (use the actor's Props), or set RingSources = {nameof(RingSourceHosting.OwnThreads)} in its settings"),
    };

    /// <summary>Props on the dispatcher that goes with hosting.</summary>
    public static Props OnDispatcherFor(RingSourceHosting hosting, Props props) =>
        hosting == RingSourceHosting.ActorThread ? props.WithDispatcher(NodeConfig.AnalyzerDispatcher) : props;

    /// <summary>Starts polling source; threadName names its thread if it gets one of its own.</summary>
    public abstract IHostedRingSource Host(IRingWakeSource source, string threadName);

    /// <summary>The actor's deadline; dueMessage goes to the actor when it is due.</summary>
    public abstract IActorDeadline Deadline(ITimerScheduler timers, object dueMessage);

    private sealed class OwnThreadsHosting : ActorHosting
    {
        public override IHostedRingSource Host(IRingWakeSource source, string threadName) => new RingSourceThread(source, threadName);

        public override IActorDeadline Deadline(ITimerScheduler timers, object dueMessage) => new TimerDeadline(timers, dueMessage);
    }

    private sealed class ActorThreadHosting(SleepingThreadExecutor executor, IActorRef actor) : ActorHosting
    {
        public override IHostedRingSource Host(IRingWakeSource source, string threadName) =>
            executor.TryHost(source) ? new SourceOnActorThread(executor, source) : new RingSourceThread(source, threadName);

        public override IActorDeadline Deadline(ITimerScheduler timers, object dueMessage) => new ExecutorDeadline(executor, actor, dueMessage);
    }
}
