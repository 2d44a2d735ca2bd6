using Akka.Configuration;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Embedding;

/// <summary>
/// How a <see cref="ValkkaDeployment"/> runs in its program. Runtime: the host identity its rings are shared
/// under, histograms and Akka settings (<see cref="ForThisHost"/>: this host's identity, Akka's own log at
/// WARNING so it does not crowd the program's). BaseDirectory: what relative analyzer folders are resolved
/// against. ReportInterval: how often <see cref="ValkkaDeployment.Status"/> is brought up to date.
/// </summary>
public sealed record ValkkaDeploymentOptions(NodeRuntimeOptions Runtime, string BaseDirectory)
{
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static ValkkaDeploymentOptions ForThisHost() =>
        new(NodeRuntimeOptions.ForThisHost() with { Extra = ConfigurationFactory.ParseString("akka.loglevel = WARNING") }, AppContext.BaseDirectory);
}
