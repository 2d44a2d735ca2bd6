using Akka.Actor;
using Akka.TestKit;
using Valkka.Actors.Messages;
using Valkka.Actors.Relays;
using Valkka.Media.Decoding;
using Valkka.Media.Frames;
using Valkka.Media.Sources;

namespace Valkka.Actors.Tests.Relays;

/// <summary>
/// A relay's upstream link acknowledges what its decoder took every AckEvery packets, with one message
/// for all of them, and the rest within a second (its tick): the camera's host gets far fewer messages
/// than packets, and its window never stalls. The publisher here is a probe; the decoder is real but
/// gets no stream format, so it takes packets without decoding them.
/// </summary>
public sealed class RelayAcknowledgementTests() : Akka.TestKit.Xunit2.TestKit()
{
    private sealed unsafe class NoTarget : IFrameTarget
    {
        public bool TryBeginFrame(int width, int height, out byte* destination, out int stride) =>
            throw new InvalidOperationException("nothing is decoded in this test");
        public void CommitFrame(long timestampMs) { }
        public void AbortFrame() { }
    }

    [Fact]
    public void Packets_are_acknowledged_in_batches_and_the_remainder_within_the_tick()
    {
        var publisher = CreateTestProbe();
        var settings = new RelaySettings("s", "test/s", publisher.Ref.Path.ToString()) { Window = 64, AckEvery = 8 };
        using var decoder = new RelayDecoder(new DecoderOptions("relay of s"), new NoTarget());
        decoder.Start();
        var upstream = Sys.ActorOf(RelayUpstream.Props(settings, decoder));

        var subscribe = publisher.ExpectMsg<SubscribeEncoded>(TimeSpan.FromSeconds(10));
        Assert.Equal(64, subscribe.Window);
        for (long seq = 1; seq <= 20; seq++)
            publisher.Send(upstream, new EncodedPacket("s", subscribe.Generation, seq, 0, new StreamPacket([0, 0, 0, 1], seq, seq, seq == 1, seq, false)));

        // A batch after the 8th and the 16th packet taken (each covering whatever was taken by then), the last
        // ones with the next tick; the tick's keep-alive repeats the last value.
        var acks = new List<long>();
        while (acks.LastOrDefault() < 20)
        {
            var ack = publisher.ExpectMsg<EncodedAck>(TimeSpan.FromSeconds(3));
            Assert.Equal(subscribe.Generation, ack.Generation);
            if (ack.Seq > 0) acks.Add(ack.Seq);   // a keep-alive before anything was taken says 0
        }
        Assert.True(acks[0] >= 8, $"acknowledged before a batch was taken: {string.Join(", ", acks)}");
        Assert.Equal(acks.Order(), acks);
        Assert.InRange(acks.Distinct().Count(), 1, 3);
        Assert.Equal(20, decoder.PacketsTaken);
    }

    [Fact]
    public void Packets_of_an_earlier_subscription_taken_after_a_resubscription_acknowledge_nothing_of_the_new_one()
    {
        var publisher = CreateTestProbe();
        var settings = new RelaySettings("s", "test/s", publisher.Ref.Path.ToString())
            { Window = 64, AckEvery = 1, SilenceTimeout = TimeSpan.FromSeconds(1) };
        using var decoder = new RelayDecoder(new DecoderOptions("relay of s"), new NoTarget());
        var upstream = Sys.ActorOf(RelayUpstream.Props(settings, decoder));
        var first = publisher.ExpectMsg<SubscribeEncoded>(TimeSpan.FromSeconds(10));   // its PreStart has run

        // The decoder thread stops in this handler after each packet it took until the test lets it go on;
        // the upstream's own handler (added in its PreStart, so before this one) has run by then.
        using var permits = new SemaphoreSlim(0);
        var entered = 0;
        decoder.PacketTaken += () =>
        {
            Interlocked.Increment(ref entered);
            permits.Wait();
        };
        decoder.Start();
        try
        {
            ResubscribeWithOldPacketsQueued(upstream, publisher, first, decoder, permits, () => Volatile.Read(ref entered));
        }
        finally
        {
            permits.Release(1000);   // the decoder thread must not wait here when the decoder is disposed
        }
    }

    private void ResubscribeWithOldPacketsQueued(IActorRef upstream, TestProbe publisher, SubscribeEncoded first, RelayDecoder decoder,
        SemaphoreSlim permits, Func<int> entered)
    {
        for (long seq = 1; seq <= 10; seq++)
            publisher.Send(upstream, Packet(first.Generation, seq));
        AwaitCondition(() => entered() == 1);   // packet 1 taken, 2..10 queued at the decoder

        // Silence: the upstream looks for the publisher again (the probe answers Identify) and subscribes anew.
        var second = publisher.FishForMessage<SubscribeEncoded>(_ => true, TimeSpan.FromSeconds(10));
        Assert.True(second.Generation > first.Generation);
        for (long seq = 1; seq <= 4; seq++)
            publisher.Send(upstream, Packet(second.Generation, seq));

        // The decoder takes the old packets 2..10 and none of the new ones.
        permits.Release(9);
        AwaitCondition(() => entered() == 10);
        Assert.Equal(10, decoder.PacketsTaken);
        AcknowledgementsSoFar(upstream, publisher, second.Generation, seq => Assert.Equal(0, seq));

        // Now the new ones: acknowledged up to 4.
        permits.Release(4);
        AwaitCondition(() => entered() == 14);
        var acknowledged = 0L;
        AcknowledgementsSoFar(upstream, publisher, second.Generation, seq => acknowledged = Math.Max(acknowledged, seq));
        Assert.Equal(4, acknowledged);
    }

    private static EncodedPacket Packet(long generation, long seq) =>
        new("s", generation, seq, 0, new StreamPacket([0, 0, 0, 1], seq, seq, seq == 1, seq, false));

    /// <summary>
    /// Every acknowledgement of <paramref name="generation"/> the upstream has sent by now: a round trip to
    /// it first, so that it has handled every Taken told before (acknowledgements to the probe are
    /// queued there before the reply to this test is).
    /// </summary>
    private void AcknowledgementsSoFar(IActorRef upstream, TestProbe publisher, long generation, Action<long> check)
    {
        upstream.Tell(new GetRelayCounters());
        ExpectMsg<RelayCounters>(TimeSpan.FromSeconds(5));
        while (publisher.HasMessages)
            if (publisher.ReceiveOne(TimeSpan.Zero) is EncodedAck ack && ack.Generation == generation) check(ack.Seq);
    }
}
