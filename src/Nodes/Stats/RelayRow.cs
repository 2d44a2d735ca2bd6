namespace Valkka.Nodes.Stats;

/// <summary>A relay of camera CameraId on this node's host: its decoder's counters and its upstream's.</summary>
public sealed record RelayRow(string CameraId, string Status, long PacketsReceived, long Decoded, long LostOnWire, long QueueDropped,
    long DroppedUpstream, double Fps);
