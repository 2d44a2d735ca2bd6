using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valkka.Actors.Node;
using Valkka.Nodes.Control;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Control;

/// <summary>A `valkka run` of a test topology (free ports) and its control socket: apply, status, waits, node pids.</summary>
public sealed partial class ControlledRun : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [GeneratedRegex(@"\[([\w-]+)\] node process started \(pid (\d+)\)")]
    private static partial Regex NodeStarted();

    public ControlledRun(TestTopology topology, params string[] extra)
    {
        Topology = topology;
        Process = ValkkaCli.Start(["run", topology.Path, "--free-ports", "--no-table", "--log", topology.LogPath, .. extra]);
        Control = ControlClient.Create(ControlSocketPath.For(topology.Name, HostIdentity.Current));
    }

    public TestTopology Topology { get; }
    public ChildProcess Process { get; }
    public HttpClient Control { get; }

    /// <summary>The topology text with the test's placeholders filled and its name set, as TestTopology writes files.</summary>
    public string Named(string text) => text.Replace("$ROOT", RepoPaths.Root) + $"\nvalkka.name = {Topology.Name}\n";

    public async Task<JsonNode> ApplyAsync(string text)
    {
        using var content = new StringContent(Named(text), Encoding.UTF8, "text/plain");
        using var response = await Control.PutAsync("/api/topology", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"apply answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<JsonNode> StatusAsync() => JsonNode.Parse(await Control.GetStringAsync("/api/status"))!;

    public Task UntilAsync(Func<JsonNode, bool> condition, string what) => UntilAsync(StatusAsync, condition, what);

    /// <summary>Waits until the status read by status (the control socket's, or the web server's) meets condition; fails at once if the run ends.</summary>
    public Task UntilAsync(Func<Task<JsonNode>> status, Func<JsonNode, bool> condition, string what) => Wait.UntilAsync(async () =>
    {
        if (Process.HasExited) throw new Xunit.Sdk.XunitException($"valkka run exited:\n{Process.Tail()}");
        try { return condition(await status()); }
        catch (HttpRequestException) { return false; }
    }, Deadline, what);

    /// <summary>A counter of a camera or client in a status (0 when it is not there).</summary>
    public static long Long(JsonNode status, string kind, string id, string counter) => status[kind]?[id]?[counter]?.GetValue<long>() ?? 0;

    /// <summary>The pid of each node's current process, from the launcher's output.</summary>
    public Dictionary<string, int> NodePids() =>
        Process.Lines.Select(l => NodeStarted().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups[2].Value));

    public void Dispose()
    {
        Control.Dispose();
        Process.Dispose();
    }
}
