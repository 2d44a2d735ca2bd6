using System.Diagnostics;
using Akka.Actor;

namespace Valkka.Actors.Dispatch;

/// <summary>A deadline as an Akka timer of the actor (for actors on other dispatchers).</summary>
internal sealed class TimerDeadline(ITimerScheduler timers, object dueMessage) : IActorDeadline
{
    private const string Key = "valkka-deadline";

    public void Set(long due) => timers.StartSingleTimer(Key, dueMessage, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));

    public void Clear() => timers.Cancel(Key);
}
