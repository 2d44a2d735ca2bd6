using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Cameras;

/// <summary>The camera runs in a real second process that is killed (kill -9) mid-stream and started again.</summary>
[Trait("Speed", "Slow")]
public sealed class CameraNodeRestartTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    [Fact]
    public void A_client_resumes_when_its_camera_node_is_killed_and_restarted_mid_stream()
    {
        using var topology = new TestTopology();
        int port = FreeTcpPort.Pick();
        string[] args = ["camera", port.ToString(), topology.Name, "a", "pattern://?size=320x240&fps=40", "8"];
        var cameraPath = $"akka.tcp://valkka@127.0.0.1:{port}/user/{ActorPaths.CameraName("a")}";
        var analyzer = new PatternAnalyzer();
        var client = Scenario.StartClient(Sys, topology, "c1", "a", cameraPath, analyzer);

        using (var first = TestNodeProcess.Start(args))
        {
            first.WaitForLine("READY ", TimeSpan.FromSeconds(30));
            AwaitCondition(() => analyzer.Intact >= 20, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            first.Kill();
        }
        // DeathWatch tells the client its camera is gone; it detaches and keeps looking.
        AwaitCondition(() => !Probe.Client(client, "a").Attached, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
        long before = analyzer.Intact;

        using (var second = TestNodeProcess.Start(args))
        {
            second.WaitForLine("READY ", TimeSpan.FromSeconds(30));
            AwaitCondition(() => analyzer.Intact >= before + 20, TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));
            var details = Probe.Client(client, "a");
            Assert.Equal(2, details.Attachments);
            Assert.Equal(0, analyzer.Corrupt);

            // SIGTERM runs CoordinatedShutdown: the camera stops and unlinks its ring.
            second.Terminate();
            second.WaitForExit(TimeSpan.FromSeconds(20));
        }
        Assert.False(File.Exists(topology.CameraRing("a")), "SIGTERM must unlink the camera's ring");
    }
}
