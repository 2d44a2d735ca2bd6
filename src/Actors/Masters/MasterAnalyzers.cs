using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Python;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Masters;

/// <summary>A master's analyzer from its settings (<see cref="ConfiguredAnalyzers"/>): one batch per call.</summary>
internal static class MasterAnalyzers
{
    public static IBatchAnalyzer? Create(MasterSettings settings, ILogger log) =>
        ConfiguredAnalyzers.Create<IBatchAnalyzer>(
            new AnalyzerChoice(settings.PythonAnalyzer, settings.Analyzer, settings.AnalyzerType, settings.AnalyzerSettings, settings.PythonPackageFolder),
            PythonWorkerOptions.MasterRole, settings.MasterId, PythonTimeoutWithin(settings.AnalyzeTimeout),
            (options, logger) => new PythonBatchAnalyzer(options, logger), log);

    /// <summary>The worker is killed before the master's guard gives up on the call (which would leave it running).</summary>
    private static TimeSpan PythonTimeoutWithin(TimeSpan masterTimeout) =>
        TimeSpan.FromTicks(Math.Min(PythonAnalyzerDefinition.DefaultMasterTimeout.Ticks, masterTimeout.Ticks * 9 / 10));
}
