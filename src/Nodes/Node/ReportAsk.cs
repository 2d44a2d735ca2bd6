using Akka.Actor;

namespace Valkka.Nodes.Node;

/// <summary>Asks an actor for its counters; null when it does not answer in time (a report never waits on one actor).</summary>
internal static class ReportAsk
{
    public static async Task<T?> TryAsk<T>(ICanTell actor, object message, TimeSpan timeout) where T : class
    {
        try
        {
            return actor switch
            {
                IActorRef a => await a.Ask<T>(message, timeout).ConfigureAwait(false),
                ActorSelection s => await s.Ask<T>(message, timeout).ConfigureAwait(false),
                _ => null,
            };
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or InvalidCastException)
        {
            return null;
        }
    }
}
