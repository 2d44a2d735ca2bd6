using System.Text.RegularExpressions;
using Akka.Configuration;

namespace Valkka.Actors.Topology;

/// <summary>
/// The key analyzer of a client or master: a C# analyzer (type = "Namespace.Type, Assembly", path = its
/// folder) or a Python one (python = "module:Class", path = the folder the module is found under,
/// interpreter, analyze-timeout); settings { } for either.
/// </summary>
internal static partial class AnalyzerKeys
{
    private static readonly string[] Keys = ["type", "python", "path", "interpreter", "analyze-timeout", "settings"];
    private static readonly string[] PythonOnlyKeys = ["interpreter", "analyze-timeout"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PythonClassName();

    public static AnalyzerDefinition Read(HoconSection owner, string baseDirectory)
    {
        var analyzer = owner.Object("analyzer", required: true);
        if (analyzer is null) return new AnalyzerDefinition("", ConfigurationFactory.Empty);
        analyzer.RejectUnknownKeys(Keys);
        if (analyzer.Has("python")) return ReadPython(analyzer, baseDirectory);
        foreach (var key in PythonOnlyKeys.Where(analyzer.Has))
            analyzer.Error(key, "only a Python analyzer (key python) has this key");
        var type = analyzer.String("type", required: true);
        var folder = analyzer.String("path", required: false);
        return new AnalyzerDefinition(type ?? "", analyzer.Config("settings"),
            folder is null ? null : Path.GetFullPath(folder, baseDirectory));
    }

    /// <summary>python = "module:Class", found under path (relative to the topology file; default: its folder).</summary>
    private static AnalyzerDefinition ReadPython(HoconSection analyzer, string baseDirectory)
    {
        if (analyzer.Has("type"))
            analyzer.Error("type", "give either type (a C# analyzer) or python (a Python analyzer), not both");
        var pythonClass = analyzer.String("python", required: true);
        if (pythonClass is not null && !PythonClassName().IsMatch(pythonClass))
        {
            analyzer.Error("python", $"\"{pythonClass}\" is not \"module:Class\" (e.g. \"motion:Motion\"; the module may be dotted, pkg.motion)");
            pythonClass = null;
        }
        var folder = analyzer.String("path", required: false);
        var interpreter = analyzer.String("interpreter", required: false) ?? PythonAnalyzerDefinition.DefaultInterpreter;
        TimeSpan? timeout = analyzer.Has("analyze-timeout")
            ? analyzer.Duration("analyze-timeout", PythonAnalyzerDefinition.DefaultClientTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1))
            : null;
        var python = pythonClass is null ? null
            : new PythonAnalyzerDefinition(pythonClass, folder is null ? baseDirectory : Path.GetFullPath(folder, baseDirectory),
                Path.IsPathRooted(interpreter) || !interpreter.Contains('/', StringComparison.Ordinal) ? interpreter : Path.GetFullPath(interpreter, baseDirectory),
                timeout);
        return new AnalyzerDefinition("", analyzer.Config("settings")) { Python = python };
    }
}
