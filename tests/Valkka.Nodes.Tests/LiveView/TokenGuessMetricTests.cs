using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.Control;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// The web server's refusals of a guessing address reach Prometheus and the log: a real `valkka run --web` with a token
/// file gets twelve requests with a wrong token over HTTP. Ten are answered 401, two refused 429;
/// valkka_web_token_requests_refused_total reads 0 before and 2 after, and the run says once that the address was
/// refused. A run of node processes (the default) serves it at the web server's own /metrics; an --in-process run
/// with metrics also at the first node's endpoint (one process: every valkka instrument of it).
/// </summary>
[Trait("Speed", "Slow")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TokenGuessMetricTests
{
    private const string Metric = "valkka_web_token_requests_refused_total";
    private static readonly HttpClient Scraper = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("processes")]
    [InlineData("in-process")]
    public async Task Requests_refused_for_guessing_are_counted_in_Prometheus_and_said_once(string mode)
    {
        bool inProcess = mode == "in-process";
        using var topology = TestTopology.FromText("guesses.conf",
            LiveChangeTopology.Text([1]) + "\nvalkka.web.token-file = token\n" + (inProcess ? "valkka.metrics { port = 9464 }\n" : ""));
        var tokenFile = Path.Combine(topology.Directory, "token");
        File.WriteAllText(tokenFile, "the-right-token-of-32-characters");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var metricsPort = FreeTcpPort.Pick();
        // It ends by itself (--duration), and the test reads its exit code.
        using var run = inProcess
            ? LiveViewRun.Start(topology, "--in-process", "--metrics-port", $"cameras={metricsPort}", "--duration", "8s")
            : LiveViewRun.Start(topology, "--duration", "8s");
        var metrics = inProcess ? $"http://127.0.0.1:{metricsPort}/metrics" : run.Url + "metrics";
        Assert.Equal(0, await RefusedAsync(metrics));

        using var guesser = new HttpClient { BaseAddress = new Uri(run.Url), Timeout = TimeSpan.FromSeconds(10) };
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a-wrong-token");
        for (var i = 0; i < TokenGuessLimit.Burst; i++)
            using (var wrong = await guesser.GetAsync("api/topology")) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        for (var i = 0; i < 2; i++)
            using (var refused = await guesser.GetAsync("api/topology")) Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        Assert.Equal(2, await RefusedAsync(metrics));
        Assert.Equal("", Promtool.CheckMetrics(await Scraper.GetStringAsync(metrics)));
        await Wait.UntilAsync(() => run.Process.Lines.Any(l => l.Contains("presented 10 wrong tokens", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the run saying that 127.0.0.1 guessed");
        Assert.Single(run.Process.Lines, l => l.Contains("web server: 127.0.0.1", StringComparison.Ordinal));

        var code = await run.Process.WaitForExitAsync(RunChecks.RunDeadline);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{RunChecks.Describe(topology, run.Process.Output)}");
        Assert.Empty(topology.RingsLeft());
    }

    // The metric's value in the endpoint's exposition ("NAME{} VALUE"; it has no labels); it fails when the series is missing.
    private static async Task<double> RefusedAsync(string url)
    {
        var text = await Scraper.GetStringAsync(url);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Metric + "{", StringComparison.Ordinal) || l.StartsWith(Metric + " ", StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"no {Metric} at {url}:\n{text}");
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
