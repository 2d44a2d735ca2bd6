namespace Valkka.Nodes.Node;

/// <summary>The launcher (just started) asks a node to ask the desired-state actors at Peers for their desired state.</summary>
public sealed record AskPeersRequest(IReadOnlyList<string> Peers);
