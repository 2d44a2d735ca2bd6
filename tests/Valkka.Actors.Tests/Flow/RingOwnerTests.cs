using Akka.Actor;
using Akka.Event;
using Valkka.Actors.Flow;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;
using Valkka.Shm;

namespace Valkka.Actors.Tests.Flow;

/// <summary>The ring owner's reader bookkeeping, in a small owning actor over a real ring, with test probes as readers.</summary>
public sealed class RingOwnerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly FrameInfo Info = new(4, 4, 12, PixelFormat.Rgb24, 0, 48);

    private sealed record Counts(int Readers, long LeasesCleared, int LeasedSlots);

    private sealed record GetCounts;

    /// <summary>Wires a RingOwner to messages the way CameraActor does; the test hands it the ring and the frames.</summary>
    private sealed class Owner : ReceiveActor
    {
        public Owner()
        {
            var ring = new RingOwner("o", "Owner o", HostIdentity.Current, Context, Context.GetLogger());
            Receive<FrameRingWriter>(w => ring.RingCreated(w, "owned"));
            Receive<Subscribe>(m => ring.AddReader(Sender, m.ReaderId, m.Credit, streaming: true, doorbell: m.ReaderHost is not null));
            Receive<AttachReader>(m => ring.AddReader(Sender, m.ReaderId, 0, streaming: false, doorbell: false));
            Receive<ReturnCredit>(m => ring.ReturnCredit(Sender, m.Count));
            Receive<Unsubscribe>(_ => ring.RemoveReader(Sender, unwatch: true));
            Receive<Terminated>(t => ring.RemoveReader(t.ActorRef, unwatch: false));
            Receive<FrameRef>(ring.Publish);
            Receive<GetCounts>(_ => Sender.Tell(new Counts(ring.ReaderCount, ring.LeasesCleared, ring.LeasedSlots())));
        }
    }

    private readonly TestTopology _topology = new();
    private readonly FrameRingWriter _ring;
    private readonly IActorRef _owner;

    public RingOwnerTests()
    {
        _ring = FrameRingWriter.Create(_topology.Name, "owned", 4, 64);
        _owner = Sys.ActorOf(Props.Create(() => new Owner()));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _ring.Dispose();
        _topology.Dispose();
    }

    private FrameRef Commit()
    {
        Assert.True(_ring.TryBeginWrite(out var slot));
        long sequence = _ring.Commit(slot, Info);
        return new FrameRef("o", _ring.Path, slot.Slot, sequence, 0, Info.Width, Info.Height);
    }

    private Counts CountsNow() => _owner.Ask<Counts>(new GetCounts(), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    [Fact]
    public void A_reader_that_asks_before_the_ring_exists_gets_its_index_when_it_does()
    {
        var reader = CreateTestProbe();
        _owner.Tell(new Subscribe("r", 1), reader.Ref);
        reader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        _owner.Tell(_ring);

        var subscribed = reader.ExpectMsg<Subscribed>();
        Assert.Equal("o", subscribed.OwnerId);
        Assert.Equal(_ring.Path, subscribed.Ring.Path);
        Assert.Equal(_owner, subscribed.Owner);
        Assert.Equal(1UL << subscribed.ReaderIndex, _ring.RegisteredReaders);
    }

    [Fact]
    public void Frames_go_out_under_credit_and_without_credit_the_newest_waits_with_the_skipped_counted()
    {
        _owner.Tell(_ring);
        var reader = CreateTestProbe();
        _owner.Tell(new Subscribe("r", 1), reader.Ref);
        reader.ExpectMsg<Subscribed>();

        var first = Commit();
        _owner.Tell(first);
        Assert.Equal(first, reader.ExpectMsg<FrameAvailable>().Frame);
        _owner.Tell(Commit());
        var newest = Commit();
        _owner.Tell(newest);
        reader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        _owner.Tell(new ReturnCredit("o", 1), reader.Ref);

        var next = reader.ExpectMsg<FrameAvailable>();
        Assert.Equal(newest, next.Frame);
        Assert.Equal(1, next.SkippedBefore);
    }

    [Fact]
    public void A_doorbell_reader_gets_an_index_and_no_frame_messages()
    {
        _owner.Tell(_ring);
        var reader = CreateTestProbe();
        _owner.Tell(new Subscribe("r", 2, "this host"), reader.Ref);
        Assert.True(reader.ExpectMsg<Subscribed>().Doorbell);

        _owner.Tell(Commit());

        reader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_reader_that_dies_has_its_index_freed_and_its_leases_cleared()
    {
        _owner.Tell(_ring);
        var reader = CreateTestProbe();
        _owner.Tell(new AttachReader("r"), reader.Ref);
        int index = reader.ExpectMsg<Subscribed>().ReaderIndex;
        var frame = Commit();
        using (var mapped = FrameRingReader.Attach(_ring.Path, index))
        {
            Assert.Equal(LeaseResult.Leased, mapped.TryLease(frame.Slot, frame.Sequence, out _));
        }
        Assert.Equal(new Counts(1, 0, 1), CountsNow());

        Sys.Stop(reader.Ref);

        AwaitAssert(() => Assert.Equal(new Counts(0, 1, 0), CountsNow()), TimeSpan.FromSeconds(10));
        Assert.Equal(0UL, _ring.RegisteredReaders);
    }

    [Fact]
    public void A_reader_that_unsubscribes_frees_its_index_and_gets_no_more_frames()
    {
        _owner.Tell(_ring);
        var reader = CreateTestProbe();
        _owner.Tell(new Subscribe("r", 1), reader.Ref);
        reader.ExpectMsg<Subscribed>();

        _owner.Tell(new Unsubscribe("r"), reader.Ref);

        AwaitAssert(() => Assert.Equal(0, CountsNow().Readers), TimeSpan.FromSeconds(10));
        _owner.Tell(Commit());
        reader.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
