namespace Valkka.Nodes.Node;

/// <summary>
/// The launcher asks a node to carry out one phase of a change: the desired state is the topology in File,
/// its relative paths resolved as if it were at SourcePath, with the run's node ports.
/// </summary>
public sealed record ApplyRequest(ApplyPhase Phase, int Version, string File, string SourcePath, IReadOnlyDictionary<string, int> Ports);
