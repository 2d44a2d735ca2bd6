using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Media.Sources;

namespace Valkka.Actors.Relays;

/// <summary>
/// The flow of one relay at a camera's publisher: at most Window packets unacknowledged; a packet
/// that finds the window full is dropped, and so is every packet after it up to the next keyframe
/// (the relay's decoder could not use them), as at the start of a subscription. Counts what it drops.
/// </summary>
internal sealed class EncodedSubscriber(IActorRef relay, SubscribeEncoded subscription, long now)
{
    private bool _needKey = true;
    private long _droppedSinceSent;

    public IActorRef Relay { get; } = relay;
    public string RelayId => subscription.RelayId;
    public long Generation => subscription.Generation;
    public long Seq { get; private set; }
    public long Acked { get; private set; }
    /// <summary>Environment.TickCount64 of the last acknowledgement (or of the subscription).</summary>
    public long LastHeard { get; private set; } = now;
    public long Sent { get; private set; }
    public long Bytes { get; private set; }
    public long DroppedNoCredit { get; private set; }
    public long SkippedToKeyframe { get; private set; }

    /// <summary>The next packet starts a new stream or follows a gap: wait for a keyframe.</summary>
    public void Restart() => _needKey = true;

    /// <summary>The message for this relay, or null when the packet is not sent to it.</summary>
    public EncodedPacket? Offer(string cameraId, StreamPacket packet)
    {
        if (Seq - Acked >= subscription.Window)
        {
            DroppedNoCredit++;
            _droppedSinceSent++;
            _needKey = true;
            return null;
        }
        if (_needKey && !packet.Key)
        {
            SkippedToKeyframe++;
            _droppedSinceSent++;
            return null;
        }
        _needKey = false;
        Seq++;
        Sent++;
        Bytes += packet.Data.Length;
        var message = new EncodedPacket(cameraId, Generation, Seq, _droppedSinceSent, packet);
        _droppedSinceSent = 0;
        return message;
    }

    public void Ack(EncodedAck ack, long now)
    {
        if (ack.Generation != Generation) return;
        LastHeard = now;
        if (ack.Seq > Acked) Acked = Math.Min(ack.Seq, Seq);
    }

    public EncodedSubscriberCounters Counters() => new(RelayId, Sent, Bytes, DroppedNoCredit, SkippedToKeyframe, Seq - Acked);
}
