using Valkka.Media.Sources;

namespace Valkka.Actors.Messages;

// The encoded-stream conversation: a relay on another host asks a camera's publisher
// (/user/camera-ID/encoded) for the camera's packets, and acknowledges them as it decodes them.

/// <summary>
/// A relay asks for the camera's packets, at most Window unacknowledged at a time. Generation: the
/// relay's subscription number; packets of an earlier one still on the wire are told apart by it.
/// A relay that subscribes again under the same RelayId replaces its earlier subscription.
/// </summary>
public sealed record SubscribeEncoded(string RelayId, long Generation, int Window);

/// <summary>The relay leaves.</summary>
public sealed record UnsubscribeEncoded(string RelayId);

/// <summary>A stream of the camera starts (a connection, a reconnect, the relay's subscription): its format; its packets follow.</summary>
public sealed record EncodedStreamStarted(string CameraId, long Generation, StreamFormat Format);

/// <summary>The camera's file ended (it does not loop): the relay takes the last frames out of its decoder.</summary>
public sealed record EncodedStreamEnded(string CameraId, long Generation);

/// <summary>
/// One packet for one relay. Seq numbers the packets of this subscription from 1. DroppedBefore:
/// packets of the camera the publisher did not send this relay since the previous one (no credit,
/// or waiting for a keyframe after that); the relay starts again at this packet, a keyframe.
/// </summary>
public sealed record EncodedPacket(string CameraId, long Generation, long Seq, long DroppedBefore, StreamPacket Packet);

/// <summary>The relay took every packet up to Seq of Generation off its queue (also sent every second as a keep-alive).</summary>
public sealed record EncodedAck(string RelayId, long Generation, long Seq);

/// <summary>Ask a camera's publisher for its counters.</summary>
public sealed record GetEncodedStreamStats;

/// <summary>
/// What a publisher counted for one relay: Sent packets (Bytes of them), DroppedNoCredit (the relay
/// was Window behind), SkippedToKeyframe (not sent while waiting for a keyframe), InFlight now.
/// </summary>
public sealed record EncodedSubscriberCounters(string RelayId, long Sent, long Bytes, long DroppedNoCredit, long SkippedToKeyframe, long InFlight);

/// <summary>The answer to GetEncodedStreamStats: TapDropped packets the tap could not hand over (publisher too far behind).</summary>
public sealed record EncodedStreamStats(string CameraId, long TapDropped, IReadOnlyList<EncodedSubscriberCounters> Relays);

/// <summary>Ask a relay camera's upstream link (/user/relay-ID/upstream) for its counters.</summary>
public sealed record GetRelayCounters;

/// <summary>
/// A relay's counters: Subscriptions made (more than one after the camera's host came back),
/// DroppedUpstream (packets the publisher did not send it), LostOnWire (sent and never received),
/// QueueDropped (received while the decoder's queue was full), Subscribed now.
/// </summary>
public sealed record RelayCounters(string CameraId, long Subscriptions, long DroppedUpstream, long LostOnWire, long QueueDropped, bool Subscribed)
{
    /// <summary>Packets of the current publisher's generations taken off the wire (in order, not duplicates).</summary>
    public long PacketsReceived { get; init; }
}
