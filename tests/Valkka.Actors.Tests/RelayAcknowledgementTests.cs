using Akka.Actor;
using Akka.TestKit;
using Valkka.Actors.Messages;
using Valkka.Actors.Relays;
using Valkka.Media;

namespace Valkka.Actors.Tests;

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
}
