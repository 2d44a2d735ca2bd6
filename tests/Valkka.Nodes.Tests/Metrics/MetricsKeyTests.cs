using System.Net;
using System.Net.Sockets;
using Valkka.Actors.Topology;
using Valkka.Nodes.Metrics;
using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport;

namespace Valkka.Nodes.Tests.Metrics;

/// <summary>Key metrics { host, port }: each node's port, --metrics-port, and what validation and the endpoint refuse.</summary>
public class MetricsKeyTests
{
    private static string WithMetrics(string keys) => Topologies.Valid().Replace("  cameras {", $"  metrics {{ {keys} }}\n  cameras {{");

    [Fact]
    public void Without_the_key_no_node_serves_metrics()
    {
        var t = Topologies.Load(Topologies.Valid()).Topology!;
        Assert.Null(t.Metrics);
        Assert.Null(t.MetricsPortOf("cams"));
    }

    [Fact]
    public void Each_node_serves_on_the_port_plus_its_index_on_loopback_unless_told_otherwise()
    {
        var t = Topologies.Load(WithMetrics("port = 19000")).Topology!;
        Assert.Equal("127.0.0.1", t.Metrics!.Host);
        Assert.Equal([19000, 19001, 19002], t.Nodes.Select(n => t.MetricsPortOf(n.Name)!.Value));
        var moved = t.WithMetricsPorts(new Dictionary<string, int> { ["work"] = 19100 });
        Assert.Equal([19000, 19100, 19002], moved.Nodes.Select(n => moved.MetricsPortOf(n.Name)!.Value));
        Assert.Equal(MetricsDefinition.DefaultPort, Topologies.Load(WithMetrics("host = \"0.0.0.0\"")).Topology!.Metrics!.Port);
    }

    [Theory]
    [InlineData("port = 19000, hots = x", "valkka.metrics.hots")]
    [InlineData("port = 0", "valkka.metrics.port")]
    [InlineData("port = 65535", "valkka.metrics.port: port 65535 leaves no room for 3 nodes")]
    [InlineData("port = 40000", "valkka.metrics.port: the metrics of node \"cams\" would use port 40000, already used by the remoting of node \"work\"")]
    public void Bad_values_are_errors_naming_the_key(string keys, string expected)
    {
        var errors = Topologies.Errors(WithMetrics(keys).Replace("port = 40001", "port = 39999").Replace("port = 40002", "port = 40000"));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_metrics_port_in_use_fails_validation_and_the_endpoint_with_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var errors = Topologies.Errors(WithMetrics($"port = {port}"), new ValidationScope { CheckShmSpace = false, CheckAnalyzers = false, Nodes = ["cams"] });
        Assert.Contains(errors, e => e.Contains($"valkka.metrics.port: metrics of node cams: port {port} on 127.0.0.1 is in use", StringComparison.Ordinal));

        var error = Assert.Throws<MetricsEndpointException>(() => MetricsEndpoint.Start("127.0.0.1", port));
        Assert.Contains($"cannot serve metrics at http://127.0.0.1:{port}/metrics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_refuses_metrics_ports_for_a_topology_without_the_key_or_for_an_unknown_node()
    {
        using var dir = new TempDirectory();
        var file = dir.File("unit.conf");
        File.WriteAllText(file, Topologies.Valid());
        var (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), "validate", file, "--metrics-port", "cams=19000");
        Assert.Equal(2, code);
        Assert.Contains($"{file}: --metrics-port: the topology has no key metrics", output, StringComparison.Ordinal);

        File.WriteAllText(file, WithMetrics("port = 19000"));
        (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), "validate", file, "--metrics-port", "nosuch=19000");
        Assert.Equal(2, code);
        Assert.Contains($"{file}: --metrics-port: no node \"nosuch\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_serves_the_valkka_meter_on_its_port()
    {
        var port = FreeTcpPort.Pick();
        using (var metrics = new NodeMetrics("unit", 2, ("127.0.0.1", port)))
        {
            using var http = new HttpClient();
            var text = await http.GetStringAsync(metrics.Url);
            Assert.Contains("valkka_node_restarts_total{node=\"unit\"} 2", text, StringComparison.Ordinal);
            Assert.Equal("", Promtool.CheckMetrics(text));
        }
        // Disposed: the port is free again.
        using var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
    }
}
