using Valkka.Media.Decoding;
using Valkka.Media.Sessions;

namespace Valkka.Media.Sources;

/// <summary>
/// What a camera actor runs to fill its ring: a <see cref="CameraDecoder"/> that reads the camera
/// itself, or a <see cref="RelayDecoder"/> that decodes packets the camera's host sends.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Raised on the source's thread at every state change.</summary>
    event Action<CameraStatus>? StatusChanged;

    DecoderCounters Counters { get; }

    /// <summary>How many frames a second the readers want (see <see cref="CameraDecoder.SetWantedRate"/>).</summary>
    void SetWantedRate(double fps);

    void Start();

    /// <summary>Stops and waits for the source's thread.</summary>
    void Stop();
}
