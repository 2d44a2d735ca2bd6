using Valkka.Nodes.Tests.Support;
using Valkka.TestSupport.Hosts;

namespace Valkka.Nodes.Tests.MultiHost;

/// <summary>The shipped main2 on two test hosts: its camera node on A, its client nodes on B (only their host addresses change).</summary>
public sealed class SplitMain2 : IDisposable
{
    private readonly SplitShipped _split;

    /// <param name="extraHocon">Appended to the topology; {A} and {B} in it stand for the hosts' addresses.</param>
    public SplitMain2(string extraHocon = "") =>
        _split = new SplitShipped("main2", new Dictionary<string, string>
        {
            ["cameras"] = "A", ["client1"] = "B", ["client2"] = "B", ["client3"] = "B",
        }, extraHocon);

    public TestHost A => _split.Host("A");
    public TestHost B => _split.Host("B");
    public TestTopology Topology => _split.Topology;

    /// <summary>Starts `valkka node` for node on its host (main2's: the camera node on A, the others on B).</summary>
    public HostedNode Start(string node) => _split.Start(node);

    public HostedNode Start(string node, TestHost host) => _split.Start(node, host);

    public void Dispose() => _split.Dispose();
}
