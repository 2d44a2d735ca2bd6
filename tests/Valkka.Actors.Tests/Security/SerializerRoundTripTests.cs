using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Security;
using Valkka.Actors.Tests.Support;
using Valkka.Media.Sources;

namespace Valkka.Actors.Tests.Security;

public class SerializerRoundTripTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private IEnumerable<object> Samples()
    {
        var me = TestActor;
        var ring = new RingDescriptor("/dev/shm/valkka.t.cam-a", "cam-a", 8, 921600, "host/boot");
        var frame = new FrameRef("a", ring.Path, 3, 42, 1_700_000_000_000, 640, 480, 1234);
        var result = new TestResult("face", 7, 0.93);
        yield return ring;
        yield return new Subscribe("client-1", 2);
        yield return new AttachReader("master-1");
        yield return new Subscribed("a", ring, 5, me);
        yield return new SubscribeRejected("a", "64 readers already");
        yield return new Unsubscribe("client-1");
        yield return frame;
        yield return new FrameAvailable(frame, 3);
        yield return new ReturnCredit("a", 1);
        yield return new GetReaderCounters("client-1");
        yield return new GetReaderCounters(null);
        yield return new ReaderCounters("client-1", 2, 100, 90, 9, 1, 0);
        yield return new ReaderCountersList("a", [new ReaderCounters("c", 0, 1, 1, 0, 0, 2)]);
        yield return new MasterResult("client-1", "a", 42, result);
        yield return new AnalyzeRequest("client-1", frame, me, 42);
        yield return new ClientResult("client-1", "a", 42, result);
        yield return GetStats.Instance;
        yield return new CameraStats("a", "streaming", null, 10, 1, 24.5);
        yield return new ClientStats("client-1", 10, 2, 1, 3, 25) { AtUnixMs = 1_796_000_000_123 };
        yield return new MasterStats("m", 3, 9, 9, 3, 1.5);
        yield return new SubscribeStatus();
        yield return new UnsubscribeStatus();
        yield return new CameraStatusChanged("a", "reconnecting", "read timeout", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        yield return new GetCameraDetails();
        yield return new CameraDetails("a", "streaming", 10, 10, 0, 2, 1, 0, 1, ring);
        yield return new GetClientDetails();
        yield return new ClientDetails("c", [new ClientCameraDetails("a", true, ring.Path, 1, 5, 1, 0, null)], 3, 0, 2, MasterChannelKind.SharedMemory);
        yield return new ClientCameraDetails("a", false, null, 0, 0, 0, 0, "not there yet");
        yield return new ClientCameraDetails("a", true, ring.Path, 1, 5, 1, 0, null, FrameNotify.Doorbell, new ReaderCounters("c", 0, 7, 5, 1, 1, 0));
        yield return FrameNotify.Remote;
        yield return MasterChannelKind.Akka;
        yield return new OpenChannel("c", "t", ring, 0);
        yield return new ChannelOpened("m", "/dev/shm/valkka.t.mq-c-1", ring, 0);
        yield return new ChannelRefused("m", "/dev/shm/valkka.t.mq-c-1", "another host");
        yield return new Subscribe("c", 2, "host-1");
        yield return new Subscribe("c", 2, null, 5);
        var process = new ReaderProcess("host-1", 4242, 1_234_567);
        yield return process;
        yield return new Subscribe("c", 2, "host-1", Process: process);
        yield return new AttachReader("master-1", process);
        yield return new OpenChannel("c", "t", ring, 0, process);
        yield return new Subscribed("a", ring, 3, me, true);
        yield return new GetMasterDetails();
        yield return new MasterDetails("m", 1, 2, 0, 0, 2, 1, [2]);
        yield return new StopDecoding();
        yield return new DecodingStopped("a", 10);
        yield return new WatchResults("view-1");
        yield return new ResultBox(1, 2, 30, 40, 0.9f);
        yield return new WatchedBoxes("m", "a", 7, [new ResultBox(1, 2, 30, 40, 0.9f)]);
        var format = new Valkka.Media.Sources.StreamFormat(27, [0, 0, 0, 1, 0x67], 1280, 720, 0, 1, 12800, 25);
        var packet = new Valkka.Media.Sources.StreamPacket([0, 0, 0, 1, 0x65, 0x88], 512, 0, true, 75, false);
        yield return new SubscribeEncoded("b/a", 1, 32);
        yield return new UnsubscribeEncoded("b/a");
        yield return new EncodedStreamStarted("a", 1, format);
        yield return new EncodedStreamEnded("a", 1);
        yield return new EncodedPacket("a", 1, 7, 3, packet);
        yield return new EncodedAck("b/a", 1, 7);
        yield return new GetEncodedStreamStats();
        yield return new EncodedSubscriberCounters("b/a", 10, 1000, 1, 2, 3);
        yield return new EncodedStreamStats("a", 0, [new EncodedSubscriberCounters("b/a", 10, 1000, 1, 2, 3)]);
        yield return new GetRelayCounters();
        yield return new RelayCounters("a", 1, 2, 0, 0, true);
        yield return new DesiredStateChanged(3, "cameras { a { url = \"synthetic://\" } }", "host-a");
        yield return new DesiredStateReceived(3, "host-a");
        yield return DesiredStateWanted.Instance;
        yield return new MembershipAsked(7);
        yield return new MembershipAnswer(7, "edgeB", true);
    }

    [Fact]
    public void Every_message_type_round_trips()
    {
        var samples = Samples().ToList();
        var covered = samples.Select(s => s.GetType()).ToHashSet();
        var messageTypes = typeof(Subscribe).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == "Valkka.Actors.Messages" && !t.IsAbstract).ToList();
        Assert.Empty(messageTypes.Where(t => !covered.Contains(t)).Select(t => t.Name));

        foreach (var message in samples)
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            Assert.IsType<ValkkaSerializer>(serializer);
            var back = serializer.FromBinary(serializer.ToBinary(message), message.GetType());
            Assert.Equal(message.GetType(), back.GetType());
            Assert.Equal(Describe(message), Describe(back));
        }
    }

    [Fact]
    public void An_actor_ref_inside_a_message_round_trips_in_process()
    {
        var message = new AnalyzeRequest("c", new FrameRef("a", "/r", 0, 2, 0, 1, 1), TestActor, 2);
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var back = (AnalyzeRequest)serializer.FromBinary(serializer.ToBinary(message), typeof(AnalyzeRequest));
        Assert.Equal(TestActor, back.RingOwner);
        back.RingOwner.Tell("through the copy");
        ExpectMsg("through the copy");
    }

    [Fact]
    public void A_payload_naming_a_type_outside_the_allowlist_is_rejected()
    {
        var permissive = new ValkkaSerializer((ExtendedActorSystem)Sys,
            TypeAllowlist.Create([typeof(TestResult).Assembly], [typeof(NotAllowlisted)]));
        var strict = new ValkkaSerializer((ExtendedActorSystem)Sys, TypeAllowlist.Create([typeof(TestResult).Assembly]));

        var direct = permissive.ToBinary(new NotAllowlisted("rm -rf"));
        var e1 = Assert.Throws<RejectedTypeException>(() => strict.FromBinary(direct, typeof(object)));
        Assert.Contains("NotAllowlisted", e1.TypeName);

        // Hidden inside an allowed message, where an IAnalysisResult is expected.
        var nested = permissive.ToBinary(new List<NotAllowlisted> { new("x") });
        var e2 = Assert.Throws<RejectedTypeException>(() => strict.FromBinary(nested, typeof(object)));
        Assert.Contains("NotAllowlisted", e2.TypeName);

        // The strict one still works afterwards.
        var ok = new ReturnCredit("a", 1);
        Assert.Equal(ok, strict.FromBinary(strict.ToBinary(ok), typeof(ReturnCredit)));
    }

    [Fact]
    public void Result_types_of_assemblies_not_given_as_analyzer_assemblies_are_rejected()
    {
        var withTests = new ValkkaSerializer((ExtendedActorSystem)Sys, TypeAllowlist.Create([typeof(TestResult).Assembly]));
        var withoutTests = new ValkkaSerializer((ExtendedActorSystem)Sys, TypeAllowlist.Create([]));
        var bytes = withTests.ToBinary(new MasterResult("c", "a", 2, new TestResult("x", 1, 0)));
        Assert.Throws<RejectedTypeException>(() => withoutTests.FromBinary(bytes, typeof(object)));
    }

    private static string Describe(object message) => message switch
    {
        ReaderCountersList l => $"{l.CameraId}:{string.Join(";", l.Readers)}",
        ClientDetails d => $"{d with { Cameras = [] }}:{string.Join(";", d.Cameras)}",
        MasterDetails d => $"{d with { BatchSizes = [] }}:{string.Join(";", d.BatchSizes)}",
        EncodedStreamStats s => $"{s with { Relays = [] }}:{string.Join(";", s.Relays)}",
        EncodedStreamStarted s => $"{s}:{Convert.ToHexString(s.Format.Extradata)}",
        EncodedPacket p => $"{p}:{Convert.ToHexString(p.Packet.Data)}",
        _ => message.ToString()!,
    };
}
