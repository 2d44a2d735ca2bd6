using Akka.Actor;

namespace Valkka.Nodes.Placement;

/// <summary>
/// A node's fixed address for a placed camera (<see cref="Valkka.Actors.Topology.PlacedRoutes"/>): sends what it gets,
/// with the sender kept, to where the camera is reached from here now (a search's Identify is answered by the camera or
/// relay itself, and the searcher then talks to it directly). Nothing is known yet: dropped, and the searcher asks again.
/// </summary>
internal sealed class PlacedRoute : ReceiveActor
{
    public PlacedRoute(Func<string?> target) =>
        ReceiveAny(m =>
        {
            if (target() is { } path) Context.ActorSelection(path).Tell(m, Sender);
        });

    public static Props Props(Func<string?> target) => Akka.Actor.Props.Create(() => new PlacedRoute(target));
}
