using System.Reflection;
using System.Runtime.Loader;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>
/// Loads analyzer types by their HOCON name ("Namespace.Type, Assembly") and checks that they can be
/// created: a public constructor of a shape the analyzer factory accepts.
/// With a folder (the topology's <c>analyzer.path</c>) the assembly is that folder's, loaded in the
/// folder's own <see cref="AnalyzerLoadContext"/>. Without one it is looked up as usual, then as
/// Assembly.dll next to the program and in the folders given to <see cref="AddProbeDirectory"/>
/// (e.g. the topology file's folder).
/// </summary>
/// <remarks>
/// The node passes each actor its analyzer's loaded Type (ClientSettings.Analyzer, MasterSettings.Analyzer).
/// One thing stays process-wide because .NET makes it so: Hyperion reads an analyzer's result types by
/// name through the default load context, which this class teaches (once, for the whole process) to find
/// the assemblies of the analyzer folders loaded so far.
/// </remarks>
public static class AnalyzerTypeLoader
{
    private static readonly List<string> ProbeDirectories = [AppContext.BaseDirectory];
    private static readonly Dictionary<string, AnalyzerLoadContext> Folders = new(StringComparer.Ordinal);
    private static int _resolverInstalled;

    public static void AddProbeDirectory(string directory)
    {
        lock (ProbeDirectories)
            if (!ProbeDirectories.Contains(directory)) ProbeDirectories.Add(directory);
    }

    /// <summary>The analyzer's type (from its folder if it names one), or null with why it cannot be used as an expected.</summary>
    public static Type? TryLoad(AnalyzerDefinition analyzer, Type expected, out string? problem) =>
        TryLoad(analyzer.TypeName, analyzer.AssemblyFolder, expected, out problem);

    /// <summary>The type, or null with an explanation of why it cannot be used as an expected.</summary>
    public static Type? TryLoad(string typeName, Type expected, out string? problem) =>
        TryLoad(typeName, null, expected, out problem);

    private static Type? TryLoad(string typeName, string? folder, Type expected, out string? problem)
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
            var name = new AssemblyName(assemblyName);
            assembly = folder is null ? Assembly.Load(name) : FolderContext(folder).LoadAnalyzerAssembly(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException
                                       or InvalidOperationException)
        {
            problem = $"cannot load type \"{typeName}\": assembly \"{assemblyName}\" not found{(folder is null ? "" : $" in {folder}")}";
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
        if (folder is not null && FolderContext(folder).MissingReference(assembly) is { } missing)
        {
            problem = $"cannot load type \"{typeName}\": assembly \"{assemblyName}\" needs \"{missing.Name}\" (version {missing.Version}), " +
                      $"which is neither in {folder} nor in the program (build the analyzer's project with EnableDynamicLoading so its output folder holds its dependencies)";
            return null;
        }
        if (folder is not null && DepsNativeAssets.FirstMissing(Path.Combine(Path.GetFullPath(folder), new AssemblyName(assemblyName).Name + ".dll")) is { } native)
        {
            problem = $"cannot load type \"{typeName}\": assembly \"{assemblyName}\" needs the native library {native}, which is not in {folder}";
            return null;
        }
        if (AnalyzerConstructor.Find(type) is null)
        {
            problem = $"type \"{typeName}\" has no public constructor taking {AnalyzerConstructor.Expected}";
            return null;
        }
        return type;
    }

    private static AnalyzerLoadContext FolderContext(string folder)
    {
        var full = Path.GetFullPath(folder);
        lock (Folders)
        {
            if (!Folders.TryGetValue(full, out var context)) Folders[full] = context = new AnalyzerLoadContext(full);
            return context;
        }
    }

    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (context, name) => FromAnalyzerFolders(name) ?? FromProbeDirectories(context, name);
    }

    private static Assembly? FromAnalyzerFolders(AssemblyName name)
    {
        AnalyzerLoadContext[] folders;
        lock (Folders) folders = [.. Folders.Values];
        foreach (var folder in folders)
            if (folder.TryLoadListed(name) is { } assembly) return assembly;
        return null;
    }

    private static Assembly? FromProbeDirectories(AssemblyLoadContext context, AssemblyName name)
    {
        string[] directories;
        lock (ProbeDirectories) directories = [.. ProbeDirectories];
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
