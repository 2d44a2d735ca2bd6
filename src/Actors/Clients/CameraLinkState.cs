namespace Valkka.Actors.Clients;

/// <summary>Where a client's link to one camera stands (see <see cref="CameraLinkStateMachine"/>).</summary>
internal enum CameraLinkState
{
    /// <summary>Looking for the camera actor (Identify), again after a delay while none answers.</summary>
    Searching,

    /// <summary>Found; the Subscribe is out and its answer awaited.</summary>
    Subscribing,

    /// <summary>Subscribed with the camera's ring mapped: frames are analyzed.</summary>
    Attached,

    /// <summary>The camera's ring is on another host; nothing more happens until the camera goes away.</summary>
    Refused,
}
