namespace Valkka.Actors.Topology;

/// <summary>
/// The analyzer of a client or master built in code (<see cref="TopologyBuilder"/>): its type name as a
/// topology file writes it ("Namespace.Type, Assembly") and the folder its assembly is loaded from (null:
/// already loaded in this program, or next to it).
/// </summary>
public sealed record AnalyzerReference(string TypeName, string? Folder = null)
{
    /// <summary>A type this program already references; its assembly is found as the program's own.</summary>
    public static AnalyzerReference Of(Type analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return new AnalyzerReference($"{analyzer.FullName}, {analyzer.Assembly.GetName().Name}");
    }

    public static AnalyzerReference Of<TAnalyzer>() => Of(typeof(TAnalyzer));
}
