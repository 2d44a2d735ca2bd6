using Valkka.Actors.Topology;

namespace Valkka.Actors.Masters;

/// <summary>
/// Where a master finds the frames of a camera the cluster places, which moves between hosts: asked at each attach, the
/// camera itself when it runs on the master's host, else the relay of it there. EveryFrame: a pinned client may forward
/// its frames from another host, so the camera must decode every frame when the master reads its own ring (a client's
/// host decodes the frames its own rate picks, which the camera's rate alone would not).
/// </summary>
public sealed record PlacedCameraFrames(IPartLocator Where, bool EveryFrame);
