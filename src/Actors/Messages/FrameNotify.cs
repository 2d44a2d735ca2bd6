namespace Valkka.Actors.Messages;

/// <summary>How a client on the camera's host learns about new frames.</summary>
public enum FrameNotify
{
    /// <summary>A thread of the client's node sleeps on the ring's futex doorbell and gives the client a local FrameAvailable (no message crosses processes per frame).</summary>
    Doorbell,

    /// <summary>The camera sends FrameAvailable over Akka.Remote and the client returns credit the same way (always used across hosts).</summary>
    Remote,
}
