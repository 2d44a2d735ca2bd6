using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Python;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Masters;

/// <summary>Makes a master's analyzer from its settings: a Python class in a worker process, a C# type loaded by the node, or one named by type name.</summary>
internal static class MasterAnalyzers
{
    public static IBatchAnalyzer? Create(MasterSettings settings, ILogger log)
    {
        if (settings.PythonAnalyzer is { } python)
            return new PythonBatchAnalyzer(new PythonWorkerOptions(python, PythonWorkerOptions.MasterRole, settings.MasterId,
                SettingsJson.From(settings.AnalyzerSettings), python.AnalyzeTimeout ?? PythonTimeoutWithin(settings.AnalyzeTimeout),
                settings.PythonPackageFolder ?? PythonWorkerOptions.DefaultPackageFolder), log);
        var analyzerSettings = new AnalyzerSettings(settings.AnalyzerSettings);
        if (settings.Analyzer is { } type) return AnalyzerFactory.Create<IBatchAnalyzer>(type, analyzerSettings, log);
        return string.IsNullOrWhiteSpace(settings.AnalyzerType)
            ? null
            : AnalyzerFactory.Create<IBatchAnalyzer>(settings.AnalyzerType, analyzerSettings, log);
    }

    /// <summary>The worker is killed before the master's guard gives up on the call (which would leave it running).</summary>
    private static TimeSpan PythonTimeoutWithin(TimeSpan masterTimeout) =>
        TimeSpan.FromTicks(Math.Min(PythonAnalyzerDefinition.DefaultMasterTimeout.Ticks, masterTimeout.Ticks * 9 / 10));
}
