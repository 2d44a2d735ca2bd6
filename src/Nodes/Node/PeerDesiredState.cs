namespace Valkka.Nodes.Node;

/// <summary>A node tells its launcher the desired state a peer sent it; From: the sending actor's path (to answer it).</summary>
public sealed record PeerDesiredState(int Version, string Text, string Origin, string From);
