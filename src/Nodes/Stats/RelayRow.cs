namespace Valkka.Nodes.Stats;

/// <summary>A relay of camera CameraId on this node's host: its decoder's counters and its upstream's.</summary>
public sealed record RelayRow(string CameraId, string Status,
    [property: Counter("valkka.relay.packets.received", "Encoded packets the relay received from the camera's host", Unit = "{packet}")] long PacketsReceived,
    [property: Counter("valkka.relay.frames.decoded", "Frames the relay decoded on this host")] long Decoded,
    [property: Counter("valkka.relay.packets.lost_on_wire", "Packets missing in the sequence the relay received", Unit = "{packet}")] long LostOnWire,
    [property: Counter("valkka.relay.packets.queue_dropped", "Packets dropped because the relay's decoder queue was full", Unit = "{packet}")] long QueueDropped,
    [property: Counter("valkka.relay.packets.dropped_upstream", "Packets the camera's host did not send to this relay (no credit, skipped to a keyframe)",
        Unit = "{packet}")] long DroppedUpstream,
    double Fps);
