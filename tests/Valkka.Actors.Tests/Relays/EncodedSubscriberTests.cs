using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Actors.Relays;
using Valkka.Media.Sources;

namespace Valkka.Actors.Tests.Relays;

/// <summary>
/// A relay's flow at the camera's publisher: it starts at a keyframe, gets at most Window packets
/// unacknowledged, and a relay that falls behind loses packets up to the next keyframe (counted, and
/// told to the relay with the next packet it gets), never holding anything up.
/// </summary>
public sealed class EncodedSubscriberTests
{
    private static StreamPacket Packet(long index) => new([1, 2, 3], index, index, Key: index % 10 == 0, index, false);

    [Fact]
    public void A_relay_behind_by_its_window_loses_packets_up_to_the_next_keyframe_and_is_told_how_many()
    {
        var subscriber = new EncodedSubscriber(ActorRefs.Nobody, new SubscribeEncoded("b/cam", 1, Window: 4), Environment.TickCount64);
        var sent = new List<EncodedPacket>();
        for (long i = 5; i < 40; i++)
            if (subscriber.Offer("cam", Packet(i)) is { } m) sent.Add(m);

        // Joins at 5: waits for keyframe 10; 10..13 fill the window, nothing is acknowledged.
        Assert.Equal([10L, 11, 12, 13], sent.Select(m => m.Packet.StreamFrameIndex));
        Assert.Equal(5, sent[0].DroppedBefore);
        Assert.Equal(5, subscriber.SkippedToKeyframe);
        Assert.Equal(26, subscriber.DroppedNoCredit);
        Assert.Equal(4, subscriber.Counters().InFlight);

        // Acknowledged: it resumes at the next keyframe, not at the next packet.
        subscriber.Ack(new EncodedAck("b/cam", 1, 4), Environment.TickCount64);
        var resumed = new List<EncodedPacket>();
        for (long i = 41; i < 52; i++)
            if (subscriber.Offer("cam", Packet(i)) is { } m) resumed.Add(m);
        Assert.Equal([50L, 51], resumed.Select(m => m.Packet.StreamFrameIndex));
        Assert.Equal(26 + 9, resumed[0].DroppedBefore);   // 14..39 for credit, 41..49 waiting for the keyframe
        Assert.Equal([5L, 6], resumed.Select(m => m.Seq));
        Assert.Equal(6, subscriber.Sent);
    }

    [Fact]
    public void An_acknowledgement_of_an_earlier_subscription_gives_no_credit()
    {
        var subscriber = new EncodedSubscriber(ActorRefs.Nobody, new SubscribeEncoded("b/cam", 2, Window: 2), Environment.TickCount64);
        Assert.NotNull(subscriber.Offer("cam", Packet(0)));
        Assert.NotNull(subscriber.Offer("cam", Packet(1)));
        subscriber.Ack(new EncodedAck("b/cam", 1, 2), Environment.TickCount64);
        Assert.Null(subscriber.Offer("cam", Packet(2)));
        subscriber.Ack(new EncodedAck("b/cam", 2, 2), Environment.TickCount64);
        Assert.Null(subscriber.Offer("cam", Packet(3)));   // credit back, but 3 follows a dropped packet: wait for a keyframe
        Assert.NotNull(subscriber.Offer("cam", Packet(10)));
    }
}
