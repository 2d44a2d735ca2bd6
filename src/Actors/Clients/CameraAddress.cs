namespace Valkka.Actors.Clients;

/// <summary>Where a camera actor is: its id and full actor path (akka.tcp://valkka@host:port/user/camera-id, or a local path).</summary>
public sealed record CameraAddress(string CameraId, string ActorPath);
