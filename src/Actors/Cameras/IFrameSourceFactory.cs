using Akka.Actor;
using Valkka.Media.Frames;
using Valkka.Media.Sessions;
using Valkka.Media.Sources;

namespace Valkka.Actors.Cameras;

/// <summary>
/// Makes the source a camera actor decodes from into its ring (target): its own decoder, or a relay of a
/// camera on another host. tap: the camera's packet tap for relays elsewhere; context: the camera actor's,
/// for a source that needs actors of its own.
/// </summary>
public interface IFrameSourceFactory
{
    IFrameSource Create(CameraSettings settings, IFrameTarget target, IPacketTap tap, IActorContext context);
}
