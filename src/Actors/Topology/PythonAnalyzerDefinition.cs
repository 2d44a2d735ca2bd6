namespace Valkka.Actors.Topology;

/// <summary>
/// A Python analyzer: <paramref name="Class"/> as "module:Class" (the module found under
/// <paramref name="Folder"/>, a full path), run by <paramref name="Interpreter"/> in a worker process;
/// a call that takes longer than <paramref name="AnalyzeTimeout"/> kills the worker (null: the default
/// of the client or master, <see cref="DefaultClientTimeout"/> or <see cref="DefaultMasterTimeout"/>).
/// </summary>
public sealed record PythonAnalyzerDefinition(string Class, string Folder, string Interpreter, TimeSpan? AnalyzeTimeout = null)
{
    public const string DefaultInterpreter = "/usr/bin/python3";

    public static readonly TimeSpan DefaultClientTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultMasterTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The module part of <see cref="Class"/> ("motion" of "motion:Motion").</summary>
    public string Module => Class[..Class.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The files the module may be in under <see cref="Folder"/> (pkg.mod: pkg/mod.py or pkg/mod/__init__.py).</summary>
    public IReadOnlyList<string> ModuleFiles
    {
        get
        {
            var relative = Path.Combine(Module.Split('.'));
            return [Path.Combine(Folder, relative + ".py"), Path.Combine(Folder, relative, "__init__.py")];
        }
    }
}
