using Valkka.Nodes.Stats;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>`valkka node FILE --node NAME` run on a test host, with the stats reports it prints.</summary>
public sealed class HostedNode(TestHost host, string topologyPath, string node)
{
    private ChildProcess _process = Start(host, topologyPath, node);

    public string Node => node;
    public TestHost Host => host;
    public ChildProcess Process => _process;

    private static ChildProcess Start(TestHost host, string topologyPath, string node) =>
        host.StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"), ["node", topologyPath, "--node", node],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    /// <summary>Every stats report so far.</summary>
    public IReadOnlyList<NodeReport> Reports() =>
        _process.Lines.Select(l => StatsLine.TryParse(l, out var r) ? r : null).OfType<NodeReport>().ToList();

    /// <summary>The client's row in the latest report, if any.</summary>
    public ClientRow? Client(string id) => Reports().LastOrDefault()?.Clients.FirstOrDefault(c => c.Id == id);

    /// <summary>Frames the client analyzed so far (0 before its first report).</summary>
    public long Analyzed(string clientId) => Client(clientId)?.Analyzed ?? 0;

    /// <summary>Log lines (not stats) that contain text.</summary>
    public IReadOnlyList<string> LogLines(string text) =>
        _process.Lines.Where(l => !l.StartsWith(StatsLine.Prefix, StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>The lines the node printed that start with prefix (without it).</summary>
    public IReadOnlyList<string> Printed(string prefix) =>
        _process.Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();

    /// <summary>SIGTERM and wait for a clean exit.</summary>
    public async Task StopAsync()
    {
        _process.Terminate();
        var code = await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"node {node} on host {host.Name} exited with {code}:\n{_process.Tail()}");
    }

    /// <summary>SIGKILL (a crash), then the same node started again on the same host.</summary>
    public void KillAndRestart()
    {
        _process.Kill();
        _process = Start(host, topologyPath, node);
    }
}
