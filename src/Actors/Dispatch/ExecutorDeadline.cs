using Akka.Actor;

namespace Valkka.Actors.Dispatch;

/// <summary>A deadline kept by the actor's own thread: only that thread wakes for it.</summary>
internal sealed class ExecutorDeadline(SleepingThreadExecutor executor, IActorRef actor, object dueMessage) : IActorDeadline
{
    // Made once: setting a deadline per request allocates nothing.
    private readonly Action _tellDue = () => actor.Tell(dueMessage);

    public void Set(long due) => executor.SetDeadline(due, _tellDue);

    public void Clear() => executor.ClearDeadline();
}
