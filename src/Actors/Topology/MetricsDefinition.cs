namespace Valkka.Actors.Topology;

/// <summary>
/// Key metrics { host, port }: every node serves its metrics in Prometheus text format at
/// http://Host:PORT/metrics, where PORT is Port plus the node's index in the file (the first node
/// gets Port), unless NodePorts (--metrics-port NODE=PORT) names another.
/// </summary>
public sealed record MetricsDefinition(string Host, int Port)
{
    public const int DefaultPort = 9464;

    public IReadOnlyDictionary<string, int> NodePorts { get; init; } = new Dictionary<string, int>();
}
