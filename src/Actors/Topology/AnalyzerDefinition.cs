using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

/// <summary>
/// An analyzer by type name ("Namespace.Type, Assembly"), the settings its constructor gets, and the
/// folder its assembly is loaded from (full path; null: next to the program or the topology file).
/// </summary>
public sealed record AnalyzerDefinition(string TypeName, Akka.Configuration.Config Settings, string? AssemblyFolder = null);
