using Microsoft.Extensions.Logging;
using Valkka.Actors.Python;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Analysis.Loading;

/// <summary>
/// Makes a client's or a master's analyzer from what its settings say: a Python class in a worker process,
/// a C# type the node loaded from its folder, or a C# type by name; null when none is given.
/// </summary>
internal static class ConfiguredAnalyzers
{
    /// <param name="role">The worker's role (<see cref="PythonWorkerOptions.ClientRole"/> or MasterRole).</param>
    /// <param name="pythonTimeout">The worker's analyze timeout when the topology gives none.</param>
    /// <param name="python">Makes the Python analyzer of this role around its worker's options.</param>
    public static T? Create<T>(AnalyzerChoice choice, string role, string ownerId, TimeSpan pythonTimeout,
        Func<PythonWorkerOptions, ILogger, T> python, ILogger log) where T : class
    {
        if (choice.Python is { } definition)
            return python(new PythonWorkerOptions(definition, role, ownerId, SettingsJson.From(choice.Settings),
                definition.AnalyzeTimeout ?? pythonTimeout, choice.PythonPackageFolder ?? PythonWorkerOptions.DefaultPackageFolder), log);
        var settings = new AnalyzerSettings(choice.Settings);
        if (choice.Type is { } type) return AnalyzerFactory.Create<T>(type, settings, log);
        return string.IsNullOrWhiteSpace(choice.TypeName) ? null : AnalyzerFactory.Create<T>(choice.TypeName, settings, log);
    }
}
