namespace Valkka.Nodes.Node;

/// <summary>
/// The launcher asks a node to send the desired state (Text at Version, first applied on host Origin) to the
/// desired-state actors at Peers (actor paths of nodes on other hosts).
/// </summary>
public sealed record PublishStateRequest(int Version, string Text, string Origin, IReadOnlyList<string> Peers);
