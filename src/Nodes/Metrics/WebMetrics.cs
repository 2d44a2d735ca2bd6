using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Valkka.Actors.Metrics;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// The web server's instruments (<see cref="WebInstruments"/>) on a meter of their own, and the Prometheus exposition
/// the web server serves at /metrics: every valkka instrument of its process (the launcher's). In a run of node
/// processes no node's endpoint is in the launcher's process, so this is where Prometheus reads the web server's counts.
/// </summary>
internal sealed class WebMetrics : IDisposable
{
    private readonly Meter _meter;

    public WebMetrics(Func<long> tokenRequestsRefused)
    {
        _meter = new Meter(ValkkaInstruments.MeterName);
        _ = new WebInstruments(_meter, tokenRequestsRefused);
        // Prometheus asks every scrape interval; a cached answer would hide a second of counting.
        Provider = Sdk.CreateMeterProviderBuilder().AddMeter(ValkkaInstruments.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0).Build();
    }

    public MeterProvider Provider { get; }

    public void Dispose()
    {
        Provider.Dispose();
        _meter.Dispose();
    }
}
