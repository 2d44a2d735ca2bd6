using Akka.Dispatch;

namespace Valkka.Actors.Dispatch;

/// <summary>Makes the <see cref="SleepingThreadExecutor"/> (one thread) of one <see cref="SleepingThreadDispatcher"/>.</summary>
internal sealed class SleepingThreadExecutorFactory : ExecutorServiceFactory
{
    private volatile SleepingThreadExecutor? _produced;

    /// <summary>The executor made last (Akka makes one when the dispatcher first runs its actor).</summary>
    public SleepingThreadExecutor? Produced => _produced;

    public override ExecutorService Produce(string id) => _produced = new SleepingThreadExecutor(id);
}
