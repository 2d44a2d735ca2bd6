using Valkka.Actors.Messages;

namespace Valkka.Actors.Topology;

/// <summary>Decoder settings of a camera (see Valkka.Media.Decoding.DecoderOptions for their meaning).</summary>
public sealed record DecoderDefinition(
    int Threads,
    bool Loop,
    bool Realtime,
    TimeSpan OpenTimeout,
    TimeSpan ReadTimeout,
    TimeSpan StallTimeout,
    TimeSpan ReconnectInitialDelay,
    TimeSpan ReconnectMaxDelay,
    int? MaxReconnectAttempts)
{
    public static DecoderDefinition Default { get; } = new(
        Threads: 1, Loop: false, Realtime: false,
        OpenTimeout: TimeSpan.FromSeconds(5), ReadTimeout: TimeSpan.FromSeconds(5), StallTimeout: TimeSpan.FromSeconds(10),
        ReconnectInitialDelay: TimeSpan.FromMilliseconds(500), ReconnectMaxDelay: TimeSpan.FromSeconds(30),
        MaxReconnectAttempts: null);
}
