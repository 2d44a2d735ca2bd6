using Akka.Configuration;
using Akka.Dispatch;

using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// The dispatcher of client and master actors (<see cref="NodeConfig.AnalyzerDispatcher"/>): like
/// Akka's PinnedDispatcher, a thread of its own per actor, so a slow analyzer never holds up other
/// actors, but on a <see cref="SleepingThreadExecutor"/> that does not spin between messages.
/// </summary>
internal sealed class AnalyzerDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : MessageDispatcherConfigurator(config, prerequisites)
{
    /// <summary>A new dispatcher (and thread) for every actor, as PinnedDispatcher does.</summary>
    public override MessageDispatcher Dispatcher() =>
        new SleepingThreadDispatcher(this, Config.GetString("id", null), Config.GetInt("throughput", 0),
            Config.GetTimeSpan("throughput-deadline-time", null).Ticks, new SleepingThreadExecutorFactory(),
            Config.GetTimeSpan("shutdown-timeout", TimeSpan.FromSeconds(1)));
}
