using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Cameras;

/// <summary>
/// A camera node whose /dev/shm (a private 6 MiB tmpfs, in a mount namespace of its own) has no room
/// for two of its three rings: those cameras fail with a clear reason before anything maps memory
/// that is not there, the third streams, the node stays up, and no half-made ring is left.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RingSpaceFaultTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public void Cameras_whose_ring_does_not_fit_fail_with_ring_size_and_free_space_and_the_others_stream()
    {
        using var topology = new TestTopology();
        int port = FreeTcpPort.Pick();
        const string big = "pattern://?size=1280x720&fps=25"; // 8 slots: 22 MiB, more than the 6 MiB tmpfs
        using var node = TestNodeProcess.StartWithPrivateShm("6m", "cameras", port.ToString(), topology.Name,
            "small", "pattern://?size=160x120&fps=25", "4", "-",
            "sized", big, "8", "1280x720", // ring made before decoding starts
            "lazy", big, "8", "-");        // ring made on the first frame a reader wants
        node.WaitForLine("READY ", Deadline);
        var small = Camera(port, "small");
        var sized = Camera(port, "sized");
        var lazy = Camera(port, "lazy");
        var reader = CreateTestProbe();
        small.Tell(new Subscribe("probe", 64), reader.Ref);
        lazy.Tell(new Subscribe("probe", 64), reader.Ref);

        foreach (var (camera, id) in new[] { (sized, "sized"), (lazy, "lazy") })
        {
            CameraStats stats = null!;
            Assert.True(Wait.Until(() => (stats = Probe.Ask<CameraStats>(camera, GetStats.Instance)).Status == "failed", Deadline),
                $"camera {id} never reported failed: {stats}\n{node.Tail()}");
            Assert.Contains($"valkka.{topology.Name}.{ActorPaths.CameraRingName(id)}", stats.Reason);
            Assert.Matches(@"needed \d+ bytes \(2\d\.\d MiB\), free \d+ bytes \([0-6]\.\d MiB\)", stats.Reason);
        }
        Assert.True(Wait.Until(() => Probe.Camera(small).Published >= 25, Deadline), $"the camera that fits must stream\n{node.Tail()}");
        Assert.Equal("streaming", Probe.Camera(small).Status);

        // The failed cameras try again (every second here) and fail the same way, leaving nothing behind.
        Assert.True(Wait.Until(() => node.Lines.Count(l => l.Contains("trying to create its ring again")) >= 4, Deadline), node.Tail());
        Assert.Equal("failed", Probe.Ask<CameraStats>(sized, GetStats.Instance).Status);
        Assert.Equal([$"valkka.{topology.Name}.{ActorPaths.CameraRingName("small")}"],
            Directory.GetFiles($"/proc/{node.Pid}/root/dev/shm").Select(Path.GetFileName));
        Assert.False(node.HasExited, node.Tail());

        node.Terminate();
        Assert.Equal(0, node.WaitForExit(Deadline));
        Assert.Empty(topology.RingsLeft());
    }

    private IActorRef Camera(int port, string id) =>
        Sys.ActorSelection($"akka.tcp://valkka@127.0.0.1:{port}/user/{ActorPaths.CameraName(id)}").ResolveOne(Deadline).GetAwaiter().GetResult();
}
