using Akka.Actor;
using Akka.TestKit;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Security;

/// <summary>Messages between two ActorSystems over Akka.Remote on 127.0.0.1, through the project's serializer.</summary>
public sealed class RemoteSerializationTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    /// <summary>On the other node: tells the actor inside a Subscribed message what it got, and echoes everything else.</summary>
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<Subscribed>(m => m.Owner.Tell(new Unsubscribe("echo saw " + m.OwnerId)));
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    [Fact]
    public void An_actor_ref_inside_a_message_round_trips_across_remote()
    {
        var other = Nodes.StartRemote();
        try
        {
            other.ActorOf(Props.Create(() => new Echo()), "echo");
            var echo = Sys.ActorSelection(Nodes.PathOf(other, "echo"));
            var ring = new RingDescriptor("/dev/shm/valkka.t.cam-a", "cam-a", 4, 100, HostIdentity.Current);

            // The other node uses the IActorRef it deserialized to reach our probe.
            echo.Tell(new Subscribed("a", ring, 1, TestActor), ActorRefs.NoSender);
            ExpectMsg<Unsubscribe>(m => m.ReaderId == "echo saw a", TimeSpan.FromSeconds(15));

            var request = new AnalyzeRequest("c", new FrameRef("a", ring.Path, 1, 2, 3, 4, 5), TestActor, 2);
            echo.Tell(request, TestActor);
            var back = ExpectMsg<AnalyzeRequest>(TimeSpan.FromSeconds(10));
            Assert.Equal(request, back);
            Assert.Equal(TestActor, back.RingOwner);
        }
        finally
        {
            Nodes.Stop(other);
        }
    }

    [Fact]
    public void A_remote_payload_naming_a_non_allowlisted_type_is_rejected_and_logged_and_the_node_keeps_running()
    {
        // The sender is configured to allow the type; this node (Sys) is not.
        var sender = Nodes.StartRemote(typeof(NotAllowlisted));
        try
        {
            var echoHere = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
            var target = sender.ActorSelection(Nodes.PathOf(Sys, "echo"));
            var senderProbe = CreateTestProbe(sender);

            EventFilter.Error(contains: "NotAllowlisted").Expect(1, TimeSpan.FromSeconds(15), () =>
                target.Tell(new NotAllowlisted("evil"), senderProbe.Ref));
            senderProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

            // Still running, and the same association still delivers allowed messages.
            target.Tell(new ReturnCredit("a", 3), senderProbe.Ref);
            senderProbe.ExpectMsg<ReturnCredit>(m => m.Count == 3, TimeSpan.FromSeconds(15));
            Assert.False(Sys.WhenTerminated.IsCompleted);
            Sys.Stop(echoHere);
        }
        finally
        {
            Nodes.Stop(sender);
        }
    }
}
