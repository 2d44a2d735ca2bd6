using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Valkka.Actors.Analysis.Loading;

namespace Valkka.Actors.Analysis;

/// <summary>
/// Creates analyzers by type name ("Namespace.Type, Assembly") through a public constructor taking
/// (AnalyzerSettings, ILogger), (AnalyzerSettings), (ILogger) or nothing.
/// </summary>
public static class AnalyzerFactory
{
    public static T Create<T>(string typeName, AnalyzerSettings? settings, ILogger? logger = null) where T : class
    {
        if (string.IsNullOrWhiteSpace(typeName))
            throw new ArgumentException($"No analyzer type given (expected a {typeof(T).Name} type name like \"Namespace.Type, Assembly\").");
        Type? type;
        try { type = Type.GetType(typeName, throwOnError: false); }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw new ArgumentException($"Analyzer type '{typeName}' cannot be loaded: {e.Message}", e);
        }
        if (type is null)
            throw new ArgumentException($"Analyzer type '{typeName}' not found: give it as \"Namespace.Type, Assembly\" with the assembly next to the program.");
        return Create<T>(type, settings, logger);
    }

    /// <summary>Creates an analyzer of a type already loaded (e.g. from its own folder by the node).</summary>
    public static T Create<T>(Type type, AnalyzerSettings? settings, ILogger? logger = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(T).IsAssignableFrom(type))
            throw new ArgumentException($"Analyzer type '{type.FullName}' does not implement {typeof(T).FullName}.");
        if (type.IsAbstract)
            throw new ArgumentException($"Analyzer type '{type.FullName}' is abstract.");
        var constructor = AnalyzerConstructor.Find(type)
            ?? throw new ArgumentException($"Analyzer type '{type.FullName}' needs a public constructor taking {AnalyzerConstructor.Expected}.");
        return (T)AnalyzerConstructor.Invoke(constructor, settings ?? AnalyzerSettings.Empty, logger ?? NullLogger.Instance);
    }
}
