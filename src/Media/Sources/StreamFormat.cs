namespace Valkka.Media.Sources;

/// <summary>
/// What a decoder on another host needs to decode a camera's packets: the libavcodec codec id, its
/// extradata (H.264/HEVC parameter sets), the coded size and pixel format, the stream's time base
/// and its frame rate (0: unknown). Paced: the camera is a file played in real time, whose packets are
/// read ahead of their frames' time (in bursts when only keyframes are decoded): a decoder elsewhere
/// paces its frames by pts too.
/// </summary>
public sealed record StreamFormat(int CodecId, byte[] Extradata, int Width, int Height, int PixelFormat,
    int TimeBaseNum, int TimeBaseDen, double NativeFps, bool Paced = false);
