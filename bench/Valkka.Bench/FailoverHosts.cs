using Valkka.Nodes.Stats;
using Valkka.TestSupport;
using Valkka.TestSupport.Hosts;

namespace Valkka.Bench;

/// <summary>
/// The hosts of <c>valkka bench failover</c>: network namespaces A, B and C with their own /dev/shm
/// (<see cref="TestNetwork"/>), one <c>valkka node</c> of role edge on each, the topology file and the clients'
/// first-frame files. A host is lost as in a power loss (its link cut, then its node killed) and returns (link
/// back, node started again). Dispose stops the nodes, kills what is left by pid and removes the namespaces.
/// </summary>
public sealed class FailoverHosts : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly string[] Names = ["edgeA", "edgeB", "edgeC"];
    private readonly TestNetwork _network;
    private readonly DirectoryInfo _folder;
    private readonly ChildProcess[] _nodes;
    private readonly object _gate = new();
    private bool _disposed;

    private FailoverHosts(TestNetwork network, FailoverOptions options)
    {
        _network = network;
        _folder = Directory.CreateTempSubdirectory("valkka-failoverbench-");
        Hosts = Names.Select(n => network.AddHost(n[^1..])).ToList();
        TopologyPath = FailoverTopology.Write(_folder.FullName, Names.Select((n, i) => (n, Hosts[i].Address)).ToList(), options, Marks);
        _nodes = Names.Select((_, i) => StartNode(i)).ToArray();
    }

    public IReadOnlyList<TestHost> Hosts { get; }
    public string TopologyPath { get; }
    public int Count => Names.Length;

    public static FailoverHosts Start(FailoverOptions options)
    {
        var network = TestNetwork.Create();
        try { return new FailoverHosts(network, options); }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    public string Name(int host) => Names[host];

    /// <summary>The node's process now (a new one after each return).</summary>
    public ChildProcess Node(int host) => _nodes[host];

    /// <summary>How the node's address ends in Akka's log lines ("...@10.77.0.1:25560").</summary>
    public string AddressTail(int host) => $"@{Hosts[host].Address}:{FailoverTopology.Port}";

    /// <summary>The file a client's analyzer appends its first frames' times to.</summary>
    public string Marks(string client) => Path.Combine(_folder.FullName, client + ".marks");

    /// <summary>The node's latest stats report (an empty one before the first).</summary>
    public NodeReport Latest(int host) =>
        _nodes[host].Lines.Reverse().Select(l => StatsLine.TryParse(l, out var r) ? r : null).FirstOrDefault(r => r is not null)
        ?? new NodeReport(Names[host], 0, [], [], []);

    /// <summary>Power loss: the link cut first (no FIN or RST reaches the peers), then every process killed.</summary>
    public DateTime Lose(int host)
    {
        var at = DateTime.UtcNow;
        Hosts[host].CutLink();
        _nodes[host].Kill();
        _nodes[host].WaitForExit(TimeSpan.FromSeconds(30));
        return at;
    }

    /// <summary>The link back and the node started again (a new incarnation; it sweeps the rings its killed process left).</summary>
    public void Return(int host)
    {
        Hosts[host].RestoreLink();
        _nodes[host] = StartNode(host);
    }

    private ChildProcess StartNode(int host) =>
        Hosts[host].StartDotnet(Path.Combine(AppContext.BaseDirectory, "valkka.dll"), ["node", TopologyPath, "--node", Names[host]],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    /// <summary>Files left in the hosts' /dev/shm after the nodes stopped.</summary>
    public List<string> StopAndListLeftovers()
    {
        foreach (var node in _nodes.Where(n => !n.HasExited)) node.Terminate();
        foreach (var node in _nodes)
        {
            try { node.WaitForExit(TimeSpan.FromSeconds(30)); }
            catch (TimeoutException) { node.Kill(); }
        }
        return Hosts.SelectMany(h => h.SharedMemoryFiles().Select(f => $"{h.Name}:{f}")).ToList();
    }

    /// <summary>Safe to call from several threads (a signal handler and the bench): the first call cleans up.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var node in _nodes.Where(n => n is { HasExited: false })) node.Terminate();
            _network.Dispose();
            try { _folder.Delete(recursive: true); }
            catch (IOException) { }
        }
    }
}
