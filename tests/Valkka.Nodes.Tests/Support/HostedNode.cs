using Valkka.Nodes.Stats;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.Support;

/// <summary>
/// `valkka node FILE --node NAME` run on a test host, with the stats reports it prints; restarts above 0 start it as
/// `valkka run` restarts a node (`--restarts N`: a new incarnation that never starts a cluster alone).
/// </summary>
public sealed class HostedNode(TestHost host, string topologyPath, string node, int restarts = 0)
{
    private ChildProcess _process = Start(host, topologyPath, node, restarts);

    public string Node => node;
    public TestHost Host => host;
    public ChildProcess Process => _process;

    private static ChildProcess Start(TestHost host, string topologyPath, string node, int restarts = 0) =>
        host.StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"),
            ["node", topologyPath, "--node", node, .. restarts > 0 ? new[] { "--restarts", restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    /// <summary>Every stats report so far.</summary>
    public IReadOnlyList<NodeReport> Reports() =>
        _process.Lines.Select(l => StatsLine.TryParse(l, out var r) ? r : null).OfType<NodeReport>().ToList();

    /// <summary>The latest stats report (an empty one before the first).</summary>
    public NodeReport Latest() => Reports().LastOrDefault() ?? new NodeReport(node, 0, [], [], []);

    /// <summary>The client's row in the latest report that has one.</summary>
    public ClientRow? Client(string id) => Reports().Select(r => r.Clients.FirstOrDefault(c => c.Id == id)).LastOrDefault(c => c is not null);

    /// <summary>Frames the client analyzed so far (0 before its first report).</summary>
    public long Analyzed(string clientId) => Client(clientId)?.Analyzed ?? 0;

    /// <summary>
    /// The client's analyzed frames a second from its latest row now to the first row at least window
    /// later, timed by the rows' own stamps (when the client read its counters): a report is up to a
    /// stats interval old when the test reads it, and is stamped after the node's slowest actor answered.
    /// </summary>
    public async Task<double> AnalyzedFpsAsync(string clientId, TimeSpan window)
    {
        ClientRow? first = null, last = null;
        await Wait.UntilAsync(() =>
        {
            first ??= Client(clientId);
            last = Client(clientId);
            return first is not null && last is not null && last.AtUnixMs - first.AtUnixMs >= window.TotalMilliseconds;
        }, window + TimeSpan.FromSeconds(30), $"{window.TotalSeconds:0} s of client {clientId}'s reports");
        return (last!.Analyzed - first!.Analyzed) * 1000.0 / (last.AtUnixMs - first.AtUnixMs);
    }

    /// <summary>Log lines (not stats) that contain text.</summary>
    public IReadOnlyList<string> LogLines(string text) =>
        _process.Lines.Where(l => !l.StartsWith(StatsLine.Prefix, StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The node's last log lines that tell what happened (membership, relays, associations), for a failure's message:
    /// not its stats reports nor remoting's once-a-second repeats about a quarantined peer.
    /// </summary>
    public string Story(int lines = 40) => string.Join("\n", _process.Lines
        .Where(l => !l.StartsWith(StatsLine.Prefix, StringComparison.Ordinal)
                    && !l.Contains("Keeping it quarantined", StringComparison.Ordinal)
                    && !l.Contains("Removing receive buffers", StringComparison.Ordinal))
        .TakeLast(lines));

    /// <summary>The lines the node printed that start with prefix (without it).</summary>
    public IReadOnlyList<string> Printed(string prefix) =>
        _process.Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();

    /// <summary>The SHA-256 the node's checksum analyzer (prefix) printed for each stream frame index of camera.</summary>
    public Dictionary<string, string> Checksums(string camera, string prefix = ChecksumAnalyzer.Prefix) => Printed(prefix)
        .Select(l => l.Split(' ')).Where(p => p[0] == camera && p[1] != "-1").GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);

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
