using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>The shipped main3 on three test hosts: its camera node on A, its client nodes on B, its master node on C.</summary>
public sealed class SplitMain3 : IDisposable
{
    private readonly TestNetwork _network = TestNetwork.Create();

    /// <param name="extraHocon">Appended to the topology; {A} stands for host A's address.</param>
    public SplitMain3(string extraHocon = "")
    {
        A = _network.AddHost("A");
        B = _network.AddHost("B");
        C = _network.AddHost("C");
        Topology = TestTopology.FromShipped("main3", $$"""
            valkka.insecure = on
            valkka.nodes.cameras.host = {{A.Address}}
            valkka.nodes.client1.host = {{B.Address}}
            valkka.nodes.client2.host = {{B.Address}}
            valkka.nodes.client3.host = {{B.Address}}
            valkka.nodes.master.host = {{C.Address}}
            {{extraHocon.Replace("{A}", A.Address)}}
            """);
    }

    public TestHost A { get; }
    public TestHost B { get; }
    public TestHost C { get; }
    public TestTopology Topology { get; }

    public IEnumerable<TestHost> Hosts => [A, B, C];

    /// <summary>Starts `valkka node` for node on its host.</summary>
    public HostedNode Start(string node) => Start(node, node switch { "cameras" => A, "master" => C, _ => B });

    public HostedNode Start(string node, TestHost host) => new(host, Topology.Path, node);

    public void Dispose()
    {
        _network.Dispose();
        Topology.Dispose();
    }
}
