using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Flow;

namespace Valkka.Actors.Tests.Clients;

public class LatestWinsFlowTests
{
    private static FrameRef Frame(long n) => new("cam", "/dev/shm/valkka.t.cam", (int)(n % 4), n * 2, n, 4, 4);

    private static FrameAvailable? Offer(ReaderFlow flow, long n)
    {
        var f = Frame(n);
        return flow.Offer(f, new FrameAvailable(f, 0));
    }

    [Fact]
    public void Frames_go_out_only_while_there_is_credit()
    {
        var flow = new ReaderFlow(ActorRefs.Nobody, "r", 0, credit: 2, streaming: true);
        Assert.NotNull(Offer(flow, 1));
        Assert.NotNull(Offer(flow, 2));
        Assert.Null(Offer(flow, 3));
        Assert.Equal(0, flow.Credit);
        Assert.Equal(2, flow.Sent);
        Assert.True(flow.HasPending);
    }

    [Fact]
    public void Without_credit_only_the_newest_frame_is_kept_and_the_rest_counted_as_skipped()
    {
        var flow = new ReaderFlow(ActorRefs.Nobody, "r", 0, credit: 1, streaming: true);
        Offer(flow, 1);
        for (int n = 2; n <= 10; n++) Assert.Null(Offer(flow, n));

        var sent = flow.AddCredit(1);

        Assert.NotNull(sent);
        Assert.Equal(10 * 2, sent.Frame.Sequence);
        Assert.Equal(8, sent.SkippedBefore);
        Assert.Equal(8, flow.Skipped);
        Assert.Equal(flow.Published, flow.Sent + flow.Skipped + (flow.HasPending ? 1 : 0));
    }

    [Fact]
    public void Counts_add_up_over_any_interleaving_of_frames_and_credit()
    {
        var random = new Random(7);
        var flow = new ReaderFlow(ActorRefs.Nobody, "r", 0, credit: 3, streaming: true);
        long skippedSeen = 0;
        int inFlight = 0;
        for (int n = 1; n <= 5000; n++)
        {
            var sent = Offer(flow, n);
            if (sent is not null) { inFlight++; skippedSeen += sent.SkippedBefore; }
            while (inFlight > 0 && random.Next(3) == 0)
            {
                inFlight--;
                var more = flow.AddCredit(1);
                if (more is not null) { inFlight++; skippedSeen += more.SkippedBefore; }
            }
            Assert.True(inFlight <= 3);
        }
        while (inFlight > 0)
        {
            inFlight--;
            var more = flow.AddCredit(1);
            if (more is not null) { inFlight++; skippedSeen += more.SkippedBefore; }
        }

        Assert.Equal(5000, flow.Published);
        Assert.False(flow.HasPending);
        Assert.Equal(flow.Published, flow.Sent + flow.Skipped);
        Assert.Equal(flow.Skipped, skippedSeen);
        Assert.True(flow.Skipped > 0);
    }

    [Fact]
    public void Frames_a_doorbell_watcher_never_saw_count_as_published_and_skipped()
    {
        var flow = new ReaderFlow(ActorRefs.Nobody, "r", 0, credit: 1, streaming: true);
        Assert.NotNull(flow.Offer(Frame(1), null, missed: 0));
        Assert.Null(flow.Offer(Frame(5), null, missed: 3)); // woke once for frames 2..5: 2..4 never seen

        var sent = flow.AddCredit(1);

        Assert.NotNull(sent);
        Assert.Equal(5 * 2, sent.Frame.Sequence);
        Assert.Equal(3, sent.SkippedBefore);
        Assert.Equal(5, flow.Published);
        Assert.Equal(flow.Published, flow.Sent + flow.Skipped + (flow.HasPending ? 1 : 0));
    }

    [Fact]
    public void Readers_that_skipped_nothing_share_one_message()
    {
        var flow = new ReaderFlow(ActorRefs.Nobody, "r", 0, credit: 5, streaming: true);
        var f = Frame(1);
        var shared = new FrameAvailable(f, 0);
        Assert.Same(shared, flow.Offer(f, shared));
    }
}
