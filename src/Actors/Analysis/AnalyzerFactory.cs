using Akka.Configuration;

namespace Valkka.Actors.Analysis;

/// <summary>
/// Creates analyzers by type name ("Namespace.Type, Assembly"): through a public constructor taking
/// (Akka.Configuration.Config settings) if there is one, else a parameterless one.
/// </summary>
public static class AnalyzerFactory
{
    public static T Create<T>(string typeName, Config? settings) where T : class
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
        if (!typeof(T).IsAssignableFrom(type))
            throw new ArgumentException($"Analyzer type '{typeName}' does not implement {typeof(T).FullName}.");
        if (type.IsAbstract)
            throw new ArgumentException($"Analyzer type '{typeName}' is abstract.");

        var withConfig = type.GetConstructor([typeof(Config)]);
        if (withConfig is not null) return (T)withConfig.Invoke([settings ?? Config.Empty]);
        var parameterless = type.GetConstructor(Type.EmptyTypes);
        if (parameterless is not null) return (T)parameterless.Invoke(null);
        throw new ArgumentException($"Analyzer type '{typeName}' needs a public constructor taking (Akka.Configuration.Config) or none.");
    }
}
