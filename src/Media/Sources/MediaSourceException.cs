namespace Valkka.Media.Sources;

/// <summary>
/// A source could not be opened or read. Permanent failures (a local file that is not video, a
/// codec that is missing) go straight to Failed; others lead to a reconnect.
/// </summary>
public sealed class MediaSourceException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
