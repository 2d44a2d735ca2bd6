using Valkka.Actors.Topology;

namespace Valkka.Nodes.Control;

/// <summary>
/// A deployment's desired state: the topology's HOCON text, the file its relative paths are resolved
/// against, its version (1 at start, one more per apply that changed something) and the parsed topology.
/// </summary>
public sealed record DesiredState(string Text, string SourcePath, int Version, TopologyDefinition Topology);
