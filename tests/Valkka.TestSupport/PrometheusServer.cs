using System.Text.Json.Nodes;

namespace Valkka.TestSupport;

/// <summary>
/// The Prometheus server (Debian package prometheus) on 127.0.0.1 and a free port, scraping the
/// given targets (host:port, path /metrics) every second, with its storage in a temp folder.
/// Dispose kills it by pid and removes the folder.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TempDirectory _dir = new();
    private readonly ChildProcess _process;

    public PrometheusServer(IEnumerable<string> targets)
    {
        var config = _dir.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
            scrape_configs:
              - job_name: valkka
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        Port = FreeTcpPort.Pick();
        _process = ChildProcess.Start("prometheus", [
            $"--config.file={config}", $"--storage.tsdb.path={_dir.File("data")}",
            $"--web.listen-address=127.0.0.1:{Port}", "--log.level=warn"]);
    }

    public int Port { get; }

    /// <summary>What Prometheus printed (its log), for failure messages.</summary>
    public string Log => _process.Tail();

    /// <summary>The result vector of an instant query (series with "metric" labels and "value" [time, "number"]), or null while Prometheus does not answer.</summary>
    public async Task<JsonArray?> QueryAsync(string promql)
    {
        try
        {
            var json = await Http.GetStringAsync($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}");
            var root = JsonNode.Parse(json);
            return (string?)root?["status"] == "success" ? root!["data"]?["result"] as JsonArray : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _dir.Dispose();
    }
}
