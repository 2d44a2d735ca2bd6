using System.Diagnostics.Metrics;
using Valkka.Actors.Metrics;
using Valkka.Nodes.Stats;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// The metrics of one node process (or of every node, in one process): the meter, the histograms the
/// actors record (<see cref="Instruments"/>), the observable instruments over the node reports and the
/// process, and, when the topology has key metrics, the HTTP endpoint Prometheus scrapes.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly ReportInstruments _reports;
    private readonly MetricsEndpoint? _endpoint;

    /// <param name="node">The node label of the process's own instruments.</param>
    /// <param name="endpoint">Where to serve /metrics; null: nowhere (dotnet-counters and other listeners still see the meter).</param>
    public NodeMetrics(string node, int restarts, (string Host, int Port)? endpoint)
    {
        _meter = new Meter(ValkkaInstruments.MeterName);
        Instruments = new ValkkaInstruments(_meter);
        _reports = new ReportInstruments(_meter);
        _ = new ProcessInstruments(_meter, node, restarts);
        try
        {
            if (endpoint is { } e) _endpoint = MetricsEndpoint.Start(e.Host, e.Port);
        }
        catch
        {
            _meter.Dispose();
            throw;
        }
    }

    public ValkkaInstruments Instruments { get; }

    /// <summary>The URL Prometheus scrapes, or null when no endpoint is served.</summary>
    public string? Url => _endpoint?.Url;

    /// <summary>The latest reports of this process's nodes, which the observable instruments read.</summary>
    public void Update(IReadOnlyList<NodeReport> reports) => _reports.Update(reports);

    public void Dispose()
    {
        _endpoint?.Dispose();
        _meter.Dispose();
    }
}
