namespace Valkka.Actors.Clients;

/// <summary>Where a camera actor is: its id and full actor path (akka.tcp://valkka@host:port/user/camera-id, or a local path).</summary>
public sealed record CameraAddress(string CameraId, string ActorPath)
{
    /// <summary>Frames a second the client wants of this camera; null: the client's <see cref="ClientSettings.Fps"/>.</summary>
    public double? Fps { get; init; }

    /// <summary>Set for a camera that moves (placed by the cluster): each search asks it where the camera is reached now, and ActorPath only describes it.</summary>
    public Topology.IPartLocator? Locator { get; init; }
}
