namespace Valkka.Nodes.Node;

/// <summary>A node carried out a phase of a change; Failures: what did not go as planned (empty: all went).</summary>
public sealed record ApplyReply(string Node, ApplyPhase Phase, int Version, IReadOnlyList<string> Failures);
