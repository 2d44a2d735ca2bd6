using Akka.Actor;

namespace Valkka.Nodes.Node;

/// <summary>An actor this process runs for a node of the topology: a camera, client, master or relay by its id.</summary>
internal sealed record HostedPart(string Node, string Id, IActorRef Actor)
{
    public long StartedAtUnixMs { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
