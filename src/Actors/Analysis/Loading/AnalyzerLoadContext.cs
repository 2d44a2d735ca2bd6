using System.Reflection;
using System.Runtime.Loader;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>
/// The assemblies of one analyzer folder (a topology's <c>analyzer.path</c>), found through the
/// .deps.json of each analyzer assembly asked for: its managed dependencies and its native ones
/// (e.g. runtimes/linux-x64/native). An assembly the host program has (the framework's, Akka's,
/// Hyperion, the runtime's, anything already loaded) resolves to the host's copy, so that the
/// analyzer implements the host's IFrameAnalyzer and sends the host's message types.
/// </summary>
internal sealed class AnalyzerLoadContext(string folder) : AssemblyLoadContext($"analyzers in {folder}")
{
    private static readonly HashSet<string> HostProgramAssemblies = TrustedPlatformAssemblies();
    // By the path of the analyzer assembly whose .deps.json each one reads.
    private readonly Dictionary<string, AssemblyDependencyResolver> _resolvers = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    /// <summary>Loads Name.dll of the folder (the host's copy if the host has that assembly too).</summary>
    public Assembly LoadAnalyzerAssembly(AssemblyName name)
    {
        var path = Path.Combine(Folder, name.Name + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"no {name.Name}.dll in {Folder}", path);
        lock (_resolvers)
            if (!_resolvers.ContainsKey(path)) _resolvers[path] = new AssemblyDependencyResolver(path);
        return LoadFromAssemblyName(name);
    }

    /// <summary>An assembly that assembly references and that neither this folder nor the host program has, else null.</summary>
    public AssemblyName? MissingReference(Assembly assembly)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            try { LoadFromAssemblyName(reference); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                return reference;
            }
        }
        return null;
    }

    /// <summary>The folder's copy of an assembly its analyzers' .deps.json files list, else null.</summary>
    public Assembly? TryLoadListed(AssemblyName name) => ResolvePath(name) is null ? null : LoadFromAssemblyName(name);

    protected override Assembly? Load(AssemblyName name)
    {
        if (IsHostAssembly(name)) return null;
        return ResolvePath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var resolver in Resolvers())
            if (resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path) return LoadUnmanagedDllFromPath(path);
        return 0;
    }

    private string? ResolvePath(AssemblyName name)
    {
        foreach (var resolver in Resolvers())
            if (resolver.ResolveAssemblyToPath(name) is { } path) return path;
        return null;
    }

    private AssemblyDependencyResolver[] Resolvers()
    {
        lock (_resolvers) return [.. _resolvers.Values];
    }

    private static bool IsHostAssembly(AssemblyName name) =>
        HostProgramAssemblies.Contains(name.Name!) || Default.Assemblies.Any(a => a.GetName().Name == name.Name);

    private static HashSet<string> TrustedPlatformAssemblies() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension).OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
