using Microsoft.Extensions.Logging;
using Valkka.Shm;

namespace Valkka.Actors.Analysis;

/// <summary>What a client analyzer can do besides looking at the frame.</summary>
public interface IClientContext
{
    string ClientId { get; }
    /// <summary>The client actor's log (Akka's logging underneath).</summary>
    ILogger Log { get; }
    bool HasMaster { get; }

    /// <summary>Forwards the frame being analyzed by reference into the camera's ring (zero copy).</summary>
    void ForwardToMaster();

    /// <summary>
    /// Writes a derived frame (resized, tensor, ...) into the client's own ring and forwards that
    /// reference. False when the client's ring has no free slot (counted as dropped).
    /// </summary>
    bool ForwardDerived(in FrameInfo derived, DerivedFrameWriter write);
}

/// <summary>Fills destination (the derived frame's Length bytes) from source.</summary>
public delegate void DerivedFrameWriter(in FrameView source, Span<byte> destination);
