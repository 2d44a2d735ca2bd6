namespace Valkka.Nodes.Stats;

/// <summary>What camera CameraId's publisher sent to one relay (RelayId: "node/camera" of the relay); TapDropped is the camera's, for all relays.</summary>
public sealed record PublisherRow(string CameraId, string RelayId, long Sent, long Bytes, long DroppedNoCredit, long SkippedToKeyframe,
    long InFlight, long TapDropped);
