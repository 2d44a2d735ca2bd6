using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valkka.Actors.Node;
using Valkka.Nodes.Control;
using Valkka.TestSupport;

namespace Valkka.Bench;

/// <summary>A `valkka run` child process of the apply benchmark and its control socket: apply, status, node pids and memory.</summary>
public sealed partial class ApplyRun : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly ChildProcess _run;
    private readonly HttpClient _control;

    [GeneratedRegex(@"\[([\w-]+)\] node process started \(pid (\d+)\)")]
    private static partial Regex NodeStarted();

    public ApplyRun(string topologyName, string file, string log)
    {
        _run = ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"),
            ["run", file, "--free-ports", "--no-table", "--log", log], new ChildProcessOptions(Environment: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }));
        _control = ControlClient.Create(ControlSocketPath.For(topologyName, HostIdentity.Current));
    }

    public int Pid => _run.Pid;

    /// <summary>PUT the whole topology; the answer's JSON and how long the request took.</summary>
    public async Task<(JsonObject Answer, TimeSpan Took)> ApplyAsync(string text)
    {
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");
        var clock = Stopwatch.StartNew();
        using var response = await _control.PutAsync("/api/topology", content);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"apply answered {(int)response.StatusCode}: {body}");
        return (JsonNode.Parse(body)!.AsObject(), clock.Elapsed);
    }

    public async Task<JsonNode> StatusAsync() => JsonNode.Parse(await _control.GetStringAsync("/api/status"))!;

    public async Task UntilAsync(Func<JsonNode, bool> condition, string what) => await Wait.UntilAsync(async () =>
    {
        if (_run.HasExited) throw new InvalidOperationException($"valkka run exited:\n{_run.Tail()}");
        try { return condition(await StatusAsync()); }
        catch (HttpRequestException) { return false; }
    }, Deadline, what);

    /// <summary>The pid of each node's current process, from the launcher's output.</summary>
    public IReadOnlyDictionary<string, int> NodePids() =>
        _run.Lines.Select(l => NodeStarted().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups[2].Value));

    /// <summary>A process's resident memory in bytes (/proc/PID/status VmRSS).</summary>
    public static long Rss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).First();

    /// <summary>SIGTERM, then its exit code.</summary>
    public async Task<int> StopAsync()
    {
        _run.Terminate();
        return await _run.WaitForExitAsync(Deadline);
    }

    public string Tail() => _run.Tail();

    public void Dispose()
    {
        _control.Dispose();
        _run.Dispose();
    }
}
