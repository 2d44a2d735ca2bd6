using Valkka.Actors.Topology;

namespace Valkka.Nodes.Control;

/// <summary>
/// A deployment's desired state: the topology's HOCON text, the file its relative paths are resolved
/// against, its version (1 at start, one more per apply that changed something; a state from another host
/// keeps that host's number) and the parsed topology.
/// </summary>
public sealed record DesiredState(string Text, string SourcePath, int Version, TopologyDefinition Topology)
{
    /// <summary>The identity of the host where this state was first applied (<see cref="Valkka.Actors.Node.HostIdentity"/>).</summary>
    public string Origin { get; init; } = "";
}
