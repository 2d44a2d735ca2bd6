using System.Text.Json.Nodes;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.EndToEnd;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>`valkka run TOPOLOGY --web 127.0.0.1:PORT` as a child process, with the page's address and its /state JSON.</summary>
public sealed class LiveViewRun : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private LiveViewRun(ChildProcess run, string url)
    {
        Process = run;
        Url = url;
    }

    public ChildProcess Process { get; }

    /// <summary>The page, e.g. http://127.0.0.1:PORT/.</summary>
    public string Url { get; }

    /// <summary>Starts the run (until stopped, or as extra arguments say) and waits for the live view to listen.</summary>
    public static LiveViewRun Start(TestTopology topology, params string[] extra)
    {
        var port = FreeTcpPort.Pick();
        var run = ValkkaCli.Start(["run", topology.Path, "--free-ports", "--no-table", "--summary-json", topology.SummaryPath,
            "--log", topology.LogPath, "--web", $"127.0.0.1:{port}", .. extra]);
        try
        {
            run.WaitForLine(l => l.Contains($"live view on http://127.0.0.1:{port}/"), Deadline, "the live view's address");
            return new LiveViewRun(run, $"http://127.0.0.1:{port}/");
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    public static Task<string> GetAsync(string url) => Http.GetStringAsync(url);

    public async Task<JsonNode> StateAsync() => JsonNode.Parse(await GetAsync(Url + "state"))!;

    /// <summary>Waits until the state shows every camera given streaming, every client analyzing and every master answering.</summary>
    public Task StreamingAsync(params string[] cameras) => Wait.UntilAsync(async () =>
    {
        var state = await StateAsync();
        return cameras.All(c => (string?)state["cameras"]?[c]?["status"] == "streaming")
               && state["clients"]!.AsObject().Count > 0
               && state["clients"]!.AsObject().All(c => c.Value!["analyzed"]!.GetValue<long>() > 0)
               && state["masters"]!.AsObject().All(m => m.Value!["results"]!.GetValue<long>() > 0);
    }, Deadline, $"cameras {string.Join(", ", cameras)} streaming, every client analyzing and every master answering");

    /// <summary>SIGTERM, then waits for the run to end; returns everything it printed.</summary>
    public async Task<string> StopAsync()
    {
        Process.Terminate();
        var code = await Process.WaitForExitAsync(RunChecks.RunDeadline);
        Assert.True(code == 0, $"valkka run exited with {code}:\n{Process.Output}");
        return Process.Output;
    }

    public void Dispose() => Process.Dispose();
}
