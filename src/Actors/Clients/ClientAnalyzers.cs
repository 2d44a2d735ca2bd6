using Microsoft.Extensions.Logging;
using Valkka.Actors.Analysis;
using Valkka.Actors.Analysis.Loading;
using Valkka.Actors.Python;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Clients;

/// <summary>A client's analyzer from its settings (<see cref="ConfiguredAnalyzers"/>): one frame per call.</summary>
internal static class ClientAnalyzers
{
    public static IFrameAnalyzer? Create(ClientSettings settings, ILogger log) =>
        ConfiguredAnalyzers.Create<IFrameAnalyzer>(
            new AnalyzerChoice(settings.PythonAnalyzer, settings.Analyzer, settings.AnalyzerType, settings.AnalyzerSettings, settings.PythonPackageFolder),
            PythonWorkerOptions.ClientRole, settings.ClientId, PythonAnalyzerDefinition.DefaultClientTimeout,
            (options, logger) => new PythonFrameAnalyzer(options, logger), log);
}
