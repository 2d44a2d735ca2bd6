using Akka.Dispatch;
using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// The dispatcher of one client or master actor (made by <see cref="AnalyzerDispatcherConfigurator"/>):
/// like Akka's PinnedDispatcher, one thread for its one actor, a <see cref="SleepingThreadExecutor"/>
/// that the actor reaches through it to host its ring sources and its deadline (<see cref="ActorHosting"/>).
/// </summary>
internal sealed class SleepingThreadDispatcher(MessageDispatcherConfigurator configurator, string id, int throughput,
    long? throughputDeadlineTime, SleepingThreadExecutorFactory executors, TimeSpan shutdownTimeout)
    : Dispatcher(configurator, id, throughput, throughputDeadlineTime, executors, shutdownTimeout)
{
    /// <summary>The thread running the actor; ask from the actor's own code (the executor exists by then).</summary>
    public SleepingThreadExecutor Executor =>
        executors.Produced ?? throw new InvalidOperationException($"dispatcher {Id} has not started its thread yet");
}
