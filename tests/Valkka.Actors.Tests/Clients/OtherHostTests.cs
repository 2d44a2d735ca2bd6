using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Clients;

/// <summary>A camera on another host (another host identity): its ring cannot be mapped, and the client says so.</summary>
public sealed class OtherHostTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_client_refuses_a_ring_on_another_host_with_an_error_naming_both_hosts()
    {
        using var topology = new TestTopology();
        int port = FreeTcpPort.Pick();
        using var cameraNode = TestNodeProcess.StartWith(
            new Dictionary<string, string> { [HostIdentity.OverrideVariable] = "elsewhere/boot-1" },
            "camera", port.ToString(), topology.Name, "a", "pattern://?size=64x48&fps=20", "4");
        cameraNode.WaitForLine("READY ", TimeSpan.FromSeconds(30));
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", $"akka.tcp://valkka@127.0.0.1:{port}/user/{ActorPaths.CameraName("a")}", analyzer);

        AwaitCondition(() => Probe.Client(client, "a").LastError is not null, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        var details = Probe.Client(client, "a");
        Assert.False(details.Attached);
        Assert.Contains("another host", details.LastError);
        Assert.Contains("elsewhere/boot-1", details.LastError);
        Assert.Contains(HostIdentity.Current, details.LastError);
        Assert.Equal(0, analyzer.Intact);
        cameraNode.Terminate();
        cameraNode.WaitForExit(TimeSpan.FromSeconds(20));
    }
}
