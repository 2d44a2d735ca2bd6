namespace Valkka.Actors.Topology;

/// <summary>The machine checks of a Python analyzer: its module file and its interpreter exist; a master's call fits its analyze-timeout.</summary>
internal static class PythonAnalyzerProblems
{
    public static IEnumerable<TopologyError> Find(PythonAnalyzerDefinition python, string path, TimeSpan? masterTimeout = null)
    {
        if (!Directory.Exists(python.Folder))
            yield return new TopologyError(path + ".path", $"folder \"{python.Folder}\" does not exist");
        else if (!python.ModuleFiles.Any(File.Exists))
            yield return new TopologyError(path + ".python",
                $"module \"{python.Module}\" not found under \"{python.Folder}\" (looked for {string.Join(" and ", python.ModuleFiles)})");
        if (python.Interpreter.Contains('/', StringComparison.Ordinal) ? !File.Exists(python.Interpreter) : FindOnPath(python.Interpreter) is null)
            yield return new TopologyError(path + ".interpreter",
                $"interpreter \"{python.Interpreter}\" not found (Debian's is {PythonAnalyzerDefinition.DefaultInterpreter}: apt-get install python3-numpy)");
        if (masterTimeout is { } limit && python.AnalyzeTimeout is { } own && own >= limit)
            yield return new TopologyError(path + ".analyze-timeout",
                $"{own.TotalSeconds:0.###} s is not shorter than the master's analyze-timeout ({limit.TotalSeconds:0.###} s): the worker must be stopped before the master gives up on the call");
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
}
