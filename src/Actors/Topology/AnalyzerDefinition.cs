using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

/// <summary>
/// An analyzer by type name ("Namespace.Type, Assembly"), the settings its constructor gets, and the
/// folder its assembly is loaded from (full path; null: next to the program or the topology file).
/// A Python analyzer has an empty type name and <see cref="Python"/> set instead.
/// </summary>
public sealed record AnalyzerDefinition(string TypeName, Akka.Configuration.Config Settings, string? AssemblyFolder = null)
{
    /// <summary>The Python analyzer (key <c>python</c>) run in a worker process; null for a C# analyzer.</summary>
    public PythonAnalyzerDefinition? Python { get; init; }

    /// <summary>True when the definition names an analyzer (a C# type or a Python class).</summary>
    public bool IsGiven => TypeName.Length > 0 || Python is not null;
}
