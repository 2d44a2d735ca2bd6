namespace Valkka.Actors.Relays;

/// <summary>
/// A relay camera: CameraId's packets from the publisher at PublisherPath (the camera actor's child
/// "encoded" on the camera's host), subscribed to as RelayId (one per host and camera).
/// </summary>
public sealed record RelaySettings(string CameraId, string RelayId, string PublisherPath)
{
    /// <summary>
    /// Packets in flight (sent, not yet taken by the decoder) at most: about 2.5 s at 25 fps, room for a
    /// file camera's bursts (a second of packets read at once when only its keyframes are decoded).
    /// </summary>
    public int Window { get; init; } = 64;

    /// <summary>
    /// Packets the decoder takes per acknowledgement (and at least one acknowledgement a second): one
    /// message back to the camera's host per packet cost the relay's host more than the packet's own way.
    /// </summary>
    public int AckEvery { get; init; } = 8;

    /// <summary>No packet for this long: the publisher is looked for and subscribed to again.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Set for a camera that moves (placed by the cluster): each search asks it where the publisher is now, and PublisherPath only describes it.</summary>
    public Topology.IPartLocator? PublisherLocator { get; init; }

    /// <summary>How often the publisher is looked for while it is not found.</summary>
    public TimeSpan SearchInterval { get; init; } = TimeSpan.FromSeconds(1);
}
