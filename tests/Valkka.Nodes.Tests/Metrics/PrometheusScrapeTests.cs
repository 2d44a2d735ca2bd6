using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Metrics;

/// <summary>
/// main3 runs as real node processes with key metrics; each node's exposition passes `promtool check
/// metrics`, and a real Prometheus server scraping every node sees each client analyze about 25 frames a second.
/// </summary>
[Trait("Speed", "Slow")]
public class PrometheusScrapeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Prometheus_scraping_main3_sees_each_client_analyze_about_25_frames_a_second()
    {
        using var topology = TestTopology.FromShipped("main3", "valkka.metrics { port = 9464 }");
        var nodes = RunChecks.Definition(topology).Nodes.Select(n => n.Name).ToList();
        var ports = DistinctFreePorts(nodes.Count);
        var urls = nodes.Select((n, i) => (Node: n, Url: $"http://127.0.0.1:{ports[i]}/metrics")).ToList();
        using var run = ValkkaCli.Start([
            "run", topology.Path, "--free-ports", "--no-table", "--summary-json", topology.SummaryPath, "--log", topology.LogPath,
            .. nodes.SelectMany((n, i) => new[] { "--metrics-port", $"{n}={ports[i]}" })]);

        // Every family each kind of node exports, histograms included once work went through them, and the
        // counters of its actors' reports (a master can batch before its node has reported it once).
        var expected = new Dictionary<string, string[]>
        {
            ["cameras"] = ["valkka_camera_frames_decoded_total", "valkka_camera_status", "valkka_ring_lease_oldest_age_seconds"],
            ["client1"] = ["valkka_client_frames_analyzed_total", "valkka_client_frame_latency_seconds_bucket"],
            ["master"] = ["valkka_master_batch_size_bucket", "valkka_master_queue_wait_seconds_bucket", "valkka_node_cpu_time_seconds_total",
                          "valkka_master_frames_total"],
        };
        var exposed = new StringBuilder();
        foreach (var (node, url) in urls.Where(u => expected.ContainsKey(u.Node)))
        {
            string exposition = "";
            await UntilAsync(async () =>
            {
                if (run.HasExited) throw new InvalidOperationException($"valkka run exited ({run.ExitCode}):\n{run.Tail()}");
                exposition = await TryGetAsync(url) ?? "";
                return expected[node].All(name => exposition.Contains(name + "{", StringComparison.Ordinal));
            }, $"node {node}'s metrics at {url} to have {string.Join(", ", expected[node])}", () => $"last:\n{exposition}\nrun:\n{run.Tail()}");
            Assert.Equal("", Promtool.CheckMetrics(exposition));
            exposed.Append(exposition);
        }

        using var prometheus = new PrometheusServer(ports.Select(p => $"127.0.0.1:{p}"));
        var last = "";
        await UntilAsync(async () =>
        {
            var result = await prometheus.QueryAsync("rate(valkka_client_frames_analyzed_total[10s])");
            if (result is null) return false;
            var rates = result.ToDictionary(r => (string)r!["metric"]!["client"]!,
                r => double.Parse((string)r!["value"]![1]!, CultureInfo.InvariantCulture));
            last = string.Join(", ", rates.Select(kv => $"{kv.Key}={kv.Value:0.0}"));
            return rates.Count == 3 && rates.Values.All(rate => rate is > 15 and < 35);
        }, "Prometheus to see every client at 15-35 frames/s", () => $"last: {last}\nprometheus:\n{prometheus.Log}\nrun:\n{run.Tail()}");

        // The Grafana dashboard in docs/ asks only for metrics the nodes export, in queries Prometheus accepts.
        var dashboard = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "grafana-dashboard.json"));
        var text = exposed.ToString();
        foreach (var name in Regex.Matches(dashboard, "valkka_[a-z_]+").Select(m => m.Value).Distinct())
            Assert.True(text.Contains("\n" + name, StringComparison.Ordinal), $"the dashboard uses {name}, which no node exports");
        foreach (var expr in JsonNode.Parse(dashboard)!["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!))
            Assert.True(await prometheus.QueryAsync(expr) is not null, $"Prometheus rejects the dashboard's query {expr}");

        run.Terminate();
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var summary = RunSummaryFile.Read(topology.SummaryPath);
        Assert.Equal(urls.First(u => u.Node == "master").Url, (string?)summary.Root["metrics"]!["master"]);
        Assert.Empty(topology.RingsLeft());
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string> details)
    {
        try
        {
            await Wait.UntilAsync(condition, Deadline, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + details());
        }
    }

    private static async Task<string?> TryGetAsync(string url)
    {
        try { return await Http.GetStringAsync(url); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    private static IReadOnlyList<int> DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count) ports.Add(FreeTcpPort.Pick());
        return ports.ToList();
    }
}
