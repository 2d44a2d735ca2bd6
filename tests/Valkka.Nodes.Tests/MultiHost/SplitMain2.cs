using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>The shipped main2 on two test hosts: its camera node on A, its client nodes on B (only their host addresses change).</summary>
public sealed class SplitMain2 : IDisposable
{
    private readonly TestNetwork _network = TestNetwork.Create();

    /// <param name="extraHocon">Appended to the topology; {A} and {B} in it stand for the hosts' addresses.</param>
    public SplitMain2(string extraHocon = "")
    {
        A = _network.AddHost("A");
        B = _network.AddHost("B");
        // Plain TCP between the test hosts (docs/security.md): the test network exists only inside its namespaces.
        Topology = TestTopology.FromShipped("main2", $$"""
            valkka.insecure = on
            valkka.nodes.cameras.host = {{A.Address}}
            valkka.nodes.client1.host = {{B.Address}}
            valkka.nodes.client2.host = {{B.Address}}
            valkka.nodes.client3.host = {{B.Address}}
            {{extraHocon.Replace("{A}", A.Address).Replace("{B}", B.Address)}}
            """);
    }

    public TestHost A { get; }
    public TestHost B { get; }
    public TestTopology Topology { get; }

    /// <summary>Starts `valkka node` for node on its host (main2's: the camera node on A, the others on B).</summary>
    public HostedNode Start(string node) => Start(node, node == "cameras" ? A : B);

    public HostedNode Start(string node, TestHost host) => new(host, Topology.Path, node);

    public void Dispose()
    {
        _network.Dispose();
        Topology.Dispose();
    }
}
