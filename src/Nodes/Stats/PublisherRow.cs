namespace Valkka.Nodes.Stats;

/// <summary>What camera CameraId's publisher sent to one relay (RelayId: "node/camera" of the relay); TapDropped is the camera's, for all relays.</summary>
public sealed record PublisherRow(string CameraId, string RelayId,
    [property: Counter("valkka.publisher.packets.sent", "Encoded packets the camera sent to a relay on another host", Unit = "{packet}")] long Sent,
    [property: Counter("valkka.publisher.sent", "Bytes of encoded packets the camera sent to a relay", Unit = "By")] long Bytes,
    [property: Counter("valkka.publisher.packets.dropped_no_credit", "Packets not sent to a relay because its window was full", Unit = "{packet}")]
    long DroppedNoCredit,
    [property: Counter("valkka.publisher.packets.skipped_to_keyframe", "Packets not sent to a relay up to the next keyframe after a drop", Unit = "{packet}")]
    long SkippedToKeyframe,
    [property: Gauge("valkka.publisher.packets.in_flight", "Packets sent to a relay and not acknowledged yet", Unit = "{packet}")] long InFlight,
    [property: Counter] long TapDropped);
