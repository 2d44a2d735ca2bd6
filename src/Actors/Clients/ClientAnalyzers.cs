using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Python;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Clients;

/// <summary>Makes a client's analyzer from its settings: a Python class in a worker process, a C# type loaded by the node, or one named by type name.</summary>
internal static class ClientAnalyzers
{
    public static IFrameAnalyzer? Create(ClientSettings settings, ILogger log)
    {
        if (settings.PythonAnalyzer is { } python)
            return new PythonFrameAnalyzer(new PythonWorkerOptions(python, PythonWorkerOptions.ClientRole, settings.ClientId,
                SettingsJson.From(settings.AnalyzerSettings), python.AnalyzeTimeout ?? PythonAnalyzerDefinition.DefaultClientTimeout,
                settings.PythonPackageFolder ?? PythonWorkerOptions.DefaultPackageFolder), log);
        var analyzerSettings = new AnalyzerSettings(settings.AnalyzerSettings);
        if (settings.Analyzer is { } type) return AnalyzerFactory.Create<IFrameAnalyzer>(type, analyzerSettings, log);
        return string.IsNullOrWhiteSpace(settings.AnalyzerType)
            ? null
            : AnalyzerFactory.Create<IFrameAnalyzer>(settings.AnalyzerType, analyzerSettings, log);
    }
}
