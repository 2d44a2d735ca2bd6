using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>The shipped main2 on two test hosts: its camera node on A, its client nodes on B (only their host addresses change).</summary>
public sealed class SplitMain2 : IDisposable
{
    private readonly TestNetwork _network = TestNetwork.Create();

    public SplitMain2(string extraHocon = "")
    {
        A = _network.AddHost("A");
        B = _network.AddHost("B");
        Topology = TestTopology.FromShipped("main2", $$"""
            valkka.nodes.cameras.host = {{A.Address}}
            valkka.nodes.client1.host = {{B.Address}}
            valkka.nodes.client2.host = {{B.Address}}
            valkka.nodes.client3.host = {{B.Address}}
            {{extraHocon}}
            """);
    }

    public TestHost A { get; }
    public TestHost B { get; }
    public TestTopology Topology { get; }

    /// <summary>Starts `valkka node` for node on its host.</summary>
    public HostedNode Start(string node) => new(node == "cameras" ? A : B, Topology.Path, node);

    public void Dispose()
    {
        _network.Dispose();
        Topology.Dispose();
    }
}
