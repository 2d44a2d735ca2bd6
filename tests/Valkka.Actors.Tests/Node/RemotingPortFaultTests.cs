using System.Net.Sockets;
using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Node;

/// <summary>
/// A camera node (a real second process) gets garbage bytes and half-open connections on its
/// remoting port, and a message naming a type off its serializer's allowlist from this process
/// (a real Akka peer that allows the type itself): each is refused with a clear log line, and the
/// node stays up and keeps serving this peer and its client; a connection that never says anything
/// is closed after the handshake timeout.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RemotingPortFaultTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote(typeof(NotAllowlisted)))
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public void Garbage_half_open_connections_and_a_foreign_type_are_refused_and_the_node_keeps_serving()
    {
        using var topology = new TestTopology();
        int port = FreeTcpPort.Pick();
        using var node = TestNodeProcess.Start("camera", port.ToString(), topology.Name, "a", "pattern://?size=320x240&fps=30", "8");
        node.WaitForLine("READY ", Deadline);
        var cameraPath = $"akka.tcp://valkka@127.0.0.1:{port}/user/{ActorPaths.CameraName("a")}";
        var analyzer = new PatternAnalyzer();
        Scenario.StartClient(Sys, topology, "c1", "a", cameraPath, analyzer);
        AwaitCondition(() => analyzer.Intact >= 20, Deadline, TimeSpan.FromMilliseconds(100));
        var camera = Resolve(cameraPath);

        using var silent = Connect(port);                  // connects and never says anything
        using var halfFrame = Connect(port);               // a frame header promising bytes that never come
        halfFrame.GetStream().Write([0, 0, 16, 0, 1, 2, 3]);
        using (var garbage = Connect(port))
        {
            var bytes = new byte[64 * 1024];
            new Random(17).NextBytes(bytes);
            garbage.GetStream().Write([0x7F, 0xFF, 0xFF, 0xFF]); // a frame far beyond the maximum size
            garbage.GetStream().Write(bytes);
        }
        using (var closedEarly = Connect(port))            // garbage, then only our side closed
        {
            closedEarly.GetStream().Write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8);
            closedEarly.Client.Shutdown(SocketShutdown.Send);
        }
        Sys.ActorSelection(cameraPath).Tell(new NotAllowlisted("evil"), TestActor);

        Assert.True(Wait.Until(() => node.Lines.Any(l => l.Contains("Refused to deserialize a message naming type") && l.Contains(nameof(NotAllowlisted))),
            Deadline), $"the node must log the refused type\n{node.Tail()}");
        // Akka.Remote's frame decoder refuses the garbage and closes those connections, one error line each.
        Assert.True(Wait.Until(() => node.Lines.Count(l => l.Contains("TooLongFrameException") || l.Contains("CorruptedFrameException")) >= 2,
            Deadline), $"the node must log the garbage it refused\n{node.Tail()}");
        long before = analyzer.Intact;
        AwaitCondition(() => analyzer.Intact >= before + 30, Deadline, TimeSpan.FromMilliseconds(100));
        Assert.Equal("a", Probe.Ask<CameraStats>(camera, GetStats.Instance).CameraId);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.False(node.HasExited, node.Tail());

        // The connection that never said anything is closed by the node after Akka's handshake timeout (15 s).
        silent.Client.ReceiveTimeout = (int)Deadline.TotalMilliseconds;
        var buffer = new byte[256];
        while (silent.Client.Receive(buffer) > 0) { }
        Assert.True(Wait.Until(() => node.Lines.Any(l => l.Contains("No response from remote for inbound association. Handshake timed out")), Deadline),
            node.Tail());

        node.Terminate();
        Assert.Equal(0, node.WaitForExit(Deadline));
    }

    private IActorRef Resolve(string path) => Sys.ActorSelection(path).ResolveOne(Deadline).GetAwaiter().GetResult();

    private static TcpClient Connect(int port)
    {
        var client = new TcpClient();
        client.Connect("127.0.0.1", port);
        return client;
    }
}
