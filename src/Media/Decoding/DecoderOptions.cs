namespace Valkka.Media.Decoding;

/// <summary>
/// What a <see cref="CameraDecoder"/> opens and how. Url: rtsp://... (TCP transport), a file path
/// or file://, anything libavformat opens, synthetic://NAME?size=WxH&amp;fps=N&amp;codec=h264|hevc,
/// or pattern://?size=WxH&amp;fps=N.
/// </summary>
public sealed record DecoderOptions(string Url)
{
    /// <summary>Output width; null = native (or derived from Height keeping the aspect ratio).</summary>
    public int? Width { get; init; }
    /// <summary>Output height; null = native (or derived from Width keeping the aspect ratio).</summary>
    public int? Height { get; init; }
    /// <summary>Decoder threads (libavcodec "threads"); 0 = automatic.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Files: start again at the end.</summary>
    public bool Loop { get; init; }
    /// <summary>Files: pace at the native frame rate, as a camera would deliver.</summary>
    public bool Realtime { get; init; }
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>No decoded frame for this long (while packets may still come) = reconnect.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>null = forever; after that many failed reconnects -> Failed.</summary>
    public int? MaxReconnectAttempts { get; init; }
    /// <summary>
    /// Which frames are decoded: Auto (default) adapts to the wanted rate
    /// (<see cref="CameraDecoder.SetWantedRate"/>); All, Reference or Keyframes force that level.
    /// </summary>
    public DecodeMode Decode { get; init; } = DecodeMode.Auto;
    /// <summary>RTSP transport: "tcp" (default) or "udp".</summary>
    public string RtspTransport { get; init; } = "tcp";
}
