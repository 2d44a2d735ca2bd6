using System.Reflection;
using System.Runtime.Loader;
using Akka.Configuration;

namespace Valkka.Actors.Topology;

/// <summary>
/// Loads analyzer types by their HOCON name ("Namespace.Type, Assembly") and creates instances:
/// a public constructor taking (Akka.Configuration.Config) if present, else a parameterless one.
/// Assemblies are looked up as usual, then as Assembly.dll next to the program and in the
/// folders given to <see cref="AddProbeDirectory"/> (e.g. the topology file's folder).
/// </summary>
public static class AnalyzerTypeLoader
{
    private static readonly List<string> ProbeDirectories = [AppContext.BaseDirectory];
    private static int _resolverInstalled;

    public static void AddProbeDirectory(string directory)
    {
        lock (ProbeDirectories)
            if (!ProbeDirectories.Contains(directory)) ProbeDirectories.Add(directory);
    }

    /// <summary>The type, or null with an explanation of why it cannot be used as an expected.</summary>
    public static Type? TryLoad(string typeName, Type expected, out string? problem)
    {
        InstallResolver();
        problem = null;
        var comma = typeName.IndexOf(',');
        if (comma < 0)
        {
            problem = $"cannot load type \"{typeName}\": write it as \"Namespace.Type, Assembly\"";
            return null;
        }
        var assemblyName = typeName[(comma + 1)..].Trim();
        var shortTypeName = typeName[..comma].Trim();
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            problem = $"cannot load type \"{typeName}\": assembly \"{assemblyName}\" not found";
            return null;
        }
        var type = assembly.GetType(shortTypeName, throwOnError: false);
        if (type is null)
        {
            problem = $"cannot load type \"{typeName}\": assembly \"{assemblyName}\" has no type \"{shortTypeName}\"";
            return null;
        }
        if (!expected.IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
        {
            problem = $"type \"{typeName}\" is not a concrete {expected.FullName}";
            return null;
        }
        if (ConfigConstructor(type) is null && type.GetConstructor(Type.EmptyTypes) is null)
        {
            problem = $"type \"{typeName}\" has neither a public constructor taking (Akka.Configuration.Config) nor a parameterless one";
            return null;
        }
        return type;
    }

    /// <summary>Creates an analyzer; throws with the reason when the type cannot be used.</summary>
    public static T Create<T>(AnalyzerDefinition definition) where T : class
    {
        var type = TryLoad(definition.TypeName, typeof(T), out var problem)
                   ?? throw new InvalidOperationException(problem);
        var withConfig = ConfigConstructor(type);
        var instance = withConfig is not null
            ? withConfig.Invoke([definition.Settings])
            : Activator.CreateInstance(type)!;
        return (T)instance;
    }

    private static ConstructorInfo? ConfigConstructor(Type type) => type.GetConstructor([typeof(Config)]);

    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            string[] directories;
            lock (ProbeDirectories) directories = ProbeDirectories.ToArray();
            foreach (var directory in directories)
            {
                var candidate = Path.Combine(directory, name.Name + ".dll");
                if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
            }
            return null;
        };
    }
}
