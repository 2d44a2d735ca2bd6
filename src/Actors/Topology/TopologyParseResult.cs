using System.Text.RegularExpressions;
using Akka.Configuration;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

/// <summary>A topology and its errors; when there are errors, Topology is partial (or null) and must not run.</summary>
public sealed record TopologyParseResult(TopologyDefinition? Topology, IReadOnlyList<TopologyError> Errors)
{
    public bool IsValid => Topology is not null && Errors.Count == 0;
}
