namespace Valkka.Media.Decoding;

/// <summary>Which frames a camera's decoder decodes (<see cref="DecoderOptions.Decode"/>).</summary>
public enum DecodeMode
{
    /// <summary>The least that serves the wanted rate: keyframes, reference frames or all (see README).</summary>
    Auto,
    /// <summary>Every frame.</summary>
    All,
    /// <summary>Only frames other frames refer to (libavcodec skip_frame = nonref); pixels as in a full decode.</summary>
    Reference,
    /// <summary>Only keyframes; other packets are read and discarded without reaching the decoder.</summary>
    Keyframes,
}
