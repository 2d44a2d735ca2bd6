namespace Valkka.Nodes.Node;

/// <summary>A node tells its launcher that the peer actor at From asked for the desired state.</summary>
public sealed record PeerWantsState(string From);
