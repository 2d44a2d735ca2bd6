namespace Valkka.Actors.Dispatch;

/// <summary>A ring source the actor's own <see cref="SleepingThreadExecutor"/> polls.</summary>
internal sealed class SourceOnActorThread(SleepingThreadExecutor executor, IRingWakeSource source) : IHostedRingSource
{
    public bool OnActorThread => true;

    public void Dispose() => executor.Unhost(source);
}
