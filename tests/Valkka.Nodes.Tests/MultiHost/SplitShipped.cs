using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>A shipped topology with its nodes on test hosts (network namespaces with their own /dev/shm): only the nodes' host addresses change.</summary>
public sealed class SplitShipped : IDisposable
{
    private readonly TestNetwork _network = TestNetwork.Create();
    private readonly SortedDictionary<string, TestHost> _hosts = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _hostOfNode;

    /// <param name="hostOfNode">The host ("A", "B", ...) each node of the shipped topology runs on.</param>
    /// <param name="extraHocon">Appended to the topology; {A}, {B}, ... in it stand for the hosts' addresses.</param>
    public SplitShipped(string shipped, IReadOnlyDictionary<string, string> hostOfNode, string extraHocon = "")
    {
        _hostOfNode = hostOfNode;
        foreach (var name in hostOfNode.Values.Distinct().Order(StringComparer.Ordinal)) _hosts[name] = _network.AddHost(name);
        var hosts = string.Join('\n', hostOfNode.Select(kv => $"valkka.nodes.{kv.Key}.host = {_hosts[kv.Value].Address}"));
        var extra = _hosts.Aggregate(extraHocon, (text, host) => text.Replace("{" + host.Key + "}", host.Value.Address));
        // Plain TCP between the test hosts (docs/security.md): the test network exists only inside its namespaces.
        Topology = TestTopology.FromShipped(shipped, $"valkka.insecure = on\n{hosts}\n{extra}");
    }

    public TestTopology Topology { get; }

    public IEnumerable<TestHost> Hosts => _hosts.Values;

    public TestHost Host(string name) => _hosts[name];

    /// <summary>Starts `valkka node` for node on its host.</summary>
    public HostedNode Start(string node) => Start(node, _hosts[_hostOfNode[node]]);

    public HostedNode Start(string node, TestHost host) => new(host, Topology.Path, node);

    public void Dispose()
    {
        _network.Dispose();
        Topology.Dispose();
    }
}
