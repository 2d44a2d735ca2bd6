using Valkka.Actors.Node;

namespace Valkka.Actors.Dispatch;

/// <summary>
/// Where a client's or master's same-host ring sources (doorbell watchers, message queues) are polled
/// and the master's batch deadline is kept. Set in ClientSettings/MasterSettings; their Props put the
/// actor on the dispatcher that goes with it.
/// </summary>
public enum RingSourceHosting
{
    /// <summary>
    /// The actor's own thread (<see cref="NodeConfig.AnalyzerDispatcher"/>) sleeps on the rings'
    /// doorbells and its mailbox at once and keeps the deadline: one wake-up per frame. Where the kernel
    /// has no futex_waitv, or the thread covers as many rings as one wait can, a source gets a thread of its own.
    /// </summary>
    ActorThread,

    /// <summary>For an actor on any other dispatcher: every ring source gets a thread of its own and the deadline is an Akka timer.</summary>
    OwnThreads,
}
