namespace Valkka.Media.Decoding;

/// <summary>
/// Chooses the decode level for the next packet from the configured <see cref="DecodeMode"/>, the
/// wanted rate and what the stream shows as it goes: the keyframe interval (between the last two
/// key packets, or longer while the next one is late) and the rate of reference frames (measured
/// while decoding only those). Auto: no reader -> Keyframes; wanted at or above the native rate
/// -> All; at or below the keyframe rate -> Keyframes; at or below the reference-frame rate
/// (assumed sufficient until measured) -> Reference; else All. Used on the decoder thread only.
/// </summary>
internal sealed class DecodePolicy(DecodeMode configured, double nativeFps)
{
    private const double ReferenceWindowSeconds = 2;
    private double _lastKey = double.NaN;
    private double _keyInterval = double.NaN;
    private double _latest = double.NaN;
    private double _referenceFps = double.PositiveInfinity;
    private double _windowStart = double.NaN;
    private long _windowFrames;

    /// <summary>Seconds between keyframes as last measured; NaN before two were seen.</summary>
    public double KeyframeInterval => _keyInterval;

    public void ObservePacket(bool key, double seconds)
    {
        if (double.IsNaN(seconds)) return;
        _latest = seconds;
        if (!key) return;
        if (!double.IsNaN(_lastKey) && seconds > _lastKey) _keyInterval = seconds - _lastKey;
        _lastKey = seconds;
    }

    /// <summary>A frame came out of the decoder while at <paramref name="level"/>; measures the reference-frame rate.</summary>
    public void ObserveDecoded(DecodeMode level, double seconds)
    {
        if (level != DecodeMode.Reference || double.IsNaN(seconds)) { _windowStart = double.NaN; return; }
        if (double.IsNaN(_windowStart) || seconds < _windowStart) { _windowStart = seconds; _windowFrames = 0; return; }
        _windowFrames++;
        var span = seconds - _windowStart;
        if (span < ReferenceWindowSeconds) return;
        _referenceFps = _windowFrames / span;
        _windowStart = seconds;
        _windowFrames = 0;
    }

    public DecodeMode Choose(double wantedFps)
    {
        if (configured != DecodeMode.Auto) return configured;
        if (wantedFps <= 0) return DecodeMode.Keyframes;
        if (wantedFps >= nativeFps) return DecodeMode.All;
        var keyInterval = double.IsNaN(_keyInterval) ? double.NaN : Math.Max(_keyInterval, _latest - _lastKey);
        if (keyInterval > 0 && wantedFps * keyInterval <= 1) return DecodeMode.Keyframes;
        return wantedFps <= _referenceFps ? DecodeMode.Reference : DecodeMode.All;
    }
}
