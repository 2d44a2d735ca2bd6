using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;
using Valkka.Shm;
using Valkka.TestSupport;

namespace Valkka.Actors.Tests.Clients;

/// <summary>
/// A reader node restarted on the same host:port is a new incarnation at an old address: its Subscribe
/// replaces the old registration, and remoting declaring the address terminated (which it does by
/// address, not incarnation) does not remove a reader whose process lives. The address is declared
/// terminated here the way Akka's death watch does it: a DeathWatchNotification with addressTerminated.
/// </summary>
public sealed class ReaderIncarnationTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private static ReaderProcess ThisProcess() => new(HostIdentity.Current, ProcessIdentity.CurrentPid, ProcessIdentity.CurrentStartTime);

    /// <summary>This process's pid with another start time: a process that was, and whose pid now belongs to another.</summary>
    private static ReaderProcess GoneProcess() => ThisProcess() with { StartTime = ProcessIdentity.CurrentStartTime + 1 };

    private static void DeclareAddressTerminated(IActorRef watcher, IActorRef watched) =>
        ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(watched, existenceConfirmed: true, addressTerminated: true));

    private IActorRef StartCamera(TestTopology topology, int fps = 25) =>
        Scenario.StartCamera(Sys, Scenario.PatternCamera(topology, "a", fps, size: "64x48") with { LeaseCheckInterval = TimeSpan.FromMilliseconds(100) });

    [Fact]
    public void A_subscription_under_the_id_of_a_registered_reader_replaces_it_and_clears_its_leases()
    {
        using var topology = new TestTopology();
        var camera = StartCamera(topology, fps: 5);
        var first = CreateTestProbe();
        var second = CreateTestProbe();

        camera.Tell(new Subscribe("r", 1, null, Process: ThisProcess()), first.Ref);
        var old = first.ExpectMsg<Subscribed>(Long);
        var frame = first.ExpectMsg<FrameAvailable>(Long).Frame;
        using (var reader = FrameRingReader.Attach(old.Ring.Path, old.ReaderIndex))
        {
            // Held past the reader's end, as a node killed mid-frame leaves it.
            Assert.Equal(LeaseResult.Leased, reader.TryLease(frame.Slot, frame.Sequence, out _));
        }
        Assert.Equal(1, Probe.Camera(camera).LeasedSlots);

        camera.Tell(new Subscribe("r", 0, null, Process: ThisProcess()), second.Ref);
        second.ExpectMsg<Subscribed>(Long);

        var details = Probe.Camera(camera);
        Assert.Equal(1, details.Readers);
        Assert.Equal(0, details.LeasedSlots);
        Assert.True(details.LeasesCleared >= 1, $"the earlier incarnation's lease was not cleared: {details}");
    }

    [Fact]
    public void An_address_declared_terminated_keeps_a_reader_whose_process_lives_and_removes_one_whose_process_is_gone()
    {
        using var topology = new TestTopology();
        var camera = StartCamera(topology);
        var alive = CreateTestProbe();
        var gone = CreateTestProbe();
        camera.Tell(new Subscribe("alive", 0, null, Process: ThisProcess()), alive.Ref);
        var kept = alive.ExpectMsg<Subscribed>(Long);

        DeclareAddressTerminated(camera, alive.Ref);
        // The first answer comes after the notification was handled, the second after the Terminated it made.
        Probe.Camera(camera);
        Probe.Camera(camera);
        // Readers are checked every 100 ms: a reader whose process is gone is removed at the next check.
        camera.Tell(new Subscribe("gone", 0, null, Process: GoneProcess()), gone.Ref);
        gone.ExpectMsg<Subscribed>(Long);
        AwaitCondition(() => Probe.Camera(camera).Readers == 1, Long, Poll);

        Assert.Equal(kept.ReaderIndex, Probe.Reader(camera, "alive").ReaderIndex);
        // Watched again after the check: its real termination removes it.
        Sys.Stop(alive.Ref);
        AwaitCondition(() => Probe.Camera(camera).Readers == 0, Long, Poll);
    }

    [Fact]
    public void A_client_node_restarted_on_its_port_keeps_its_reader_when_the_address_is_declared_terminated()
    {
        using var topology = new TestTopology();
        var camera = StartCamera(topology);
        var cameraPath = Nodes.PathOf(Sys, ActorPaths.CameraName("a"));
        int port = FreeTcpPort.Pick();
        var config = NodeConfig.Create("127.0.0.1", port, [typeof(Nodes).Assembly]);

        var firstNode = ValkkaNode.Start(config);
        var firstAnalyzer = new PatternAnalyzer();
        Scenario.StartClient(firstNode, topology, "c1", "a", cameraPath, firstAnalyzer, notify: FrameNotify.Remote);
        AwaitCondition(() => firstAnalyzer.Intact >= 5, Long, Poll);
        Nodes.Stop(firstNode);

        var secondNode = ValkkaNode.Start(config);
        try
        {
            var analyzer = new PatternAnalyzer();
            var client = Scenario.StartClient(secondNode, topology, "c1", "a", cameraPath, analyzer, notify: FrameNotify.Remote);
            AwaitCondition(() => analyzer.Intact >= 5, Long, Poll);
            int index = Probe.Reader(camera, "c1").ReaderIndex;
            var clientAsCameraSeesIt = Resolve(Nodes.PathOf(secondNode, ActorPaths.ClientName("c1")));

            DeclareAddressTerminated(camera, clientAsCameraSeesIt);

            long before = analyzer.Intact;
            AwaitCondition(() => analyzer.Intact >= before + 10, Long, Poll);
            Assert.Equal(1, Probe.Camera(camera).Readers);
            Assert.Equal(index, Probe.Reader(camera, "c1").ReaderIndex);
            Assert.Equal(1, Probe.Client(client, "a").Attachments);
        }
        finally
        {
            Nodes.Stop(secondNode);
        }
        // Watched again: the client's real end removes its reader.
        AwaitCondition(() => Probe.Camera(camera).Readers == 0, Long, Poll);
    }

    private IActorRef Resolve(string path) => Sys.ActorSelection(path).ResolveOne(Long).GetAwaiter().GetResult();
}
