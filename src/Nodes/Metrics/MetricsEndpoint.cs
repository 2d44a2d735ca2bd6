using System.Net;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Valkka.Actors.Metrics;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// Serves the instruments of the valkka meter (<see cref="ValkkaInstruments.MeterName"/>) in
/// Prometheus text format at http://host:port/metrics, through OpenTelemetry's Prometheus exporter.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly MeterProvider _provider;

    private MetricsEndpoint(MeterProvider provider, string url)
    {
        _provider = provider;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts serving; a port in use or a host that cannot be bound is a <see cref="MetricsEndpointException"/>.</summary>
    public static MetricsEndpoint Start(string host, int port)
    {
        var url = $"http://{host}:{port}/metrics";
        try
        {
            var provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(ValkkaInstruments.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = host;
                    o.Port = port;
                    o.TargetInfoEnabled = false;
                    o.ScopeInfoEnabled = false;
                    // Prometheus asks every scrape interval; a cached answer would hide a second of counting.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                })
                .Build();
            return new MetricsEndpoint(provider, url);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpListenerException)
        {
            var cause = e.InnerException?.Message ?? e.Message;
            throw new MetricsEndpointException($"cannot serve metrics at {url} (is port {port} on {host} in use?): {cause}", e);
        }
    }

    public void Dispose() => _provider.Dispose();
}
