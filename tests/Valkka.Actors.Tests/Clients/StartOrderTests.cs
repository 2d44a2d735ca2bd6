using Akka.Actor;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Clients;

/// <summary>A client that starts before its camera keeps looking for it and attaches when it appears.</summary>
public sealed class StartOrderTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_client_started_before_its_camera_node_attaches_when_the_camera_appears()
    {
        using var topology = new TestTopology();
        int port = FreeTcpPort.Pick();
        var cameraPath = $"akka.tcp://valkka@127.0.0.1:{port}/user/{ActorPaths.CameraName("a")}";
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", cameraPath, analyzer);

        // Nothing there yet: the client keeps trying, without frames and without failing.
        AwaitCondition(() => Probe.Client(client, "a") is { Attached: false, Attachments: 0 }, TimeSpan.FromSeconds(5));

        var cameraNode = ValkkaNode.Start(NodeConfig.Create("127.0.0.1", port, [typeof(PatternAnalyzer).Assembly]));
        try
        {
            Scenario.StartCamera(cameraNode, Scenario.PatternCamera(topology, "a", fps: 50, size: "320x240"));
            AwaitCondition(() => analyzer.Intact >= 20, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            Assert.Equal(0, analyzer.Corrupt);
            Assert.Equal(1, Probe.Client(client, "a").Attachments);
        }
        finally
        {
            Sys.Stop(client);
            Nodes.Stop(cameraNode);
        }
    }

    [Fact]
    public void A_client_re_attaches_to_a_camera_that_was_stopped_and_started_again_in_its_own_system()
    {
        using var topology = new TestTopology();
        var settings = Scenario.PatternCamera(topology, "a", fps: 50, size: "320x240");
        var camera = Scenario.StartCamera(Sys, settings);
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", camera.Path.ToStringWithoutAddress(), analyzer);
        AwaitCondition(() => analyzer.Intact >= 10, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

        Watch(camera);
        Sys.Stop(camera);
        ExpectTerminated(camera, TimeSpan.FromSeconds(10));
        AwaitCondition(() => !Probe.Client(client, "a").Attached, TimeSpan.FromSeconds(10));
        long before = analyzer.Intact;

        Scenario.StartCamera(Sys, settings);
        AwaitCondition(() => analyzer.Intact >= before + 10, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, Probe.Client(client, "a").Attachments);
        Assert.Equal(0, analyzer.Corrupt);
    }
}
