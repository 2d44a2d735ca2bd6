
namespace Valkka.Actors.LiveView;

/// <summary>
/// One camera frame as a small JPEG: its sequence and capture time, the camera frame's own size
/// (boxes of results are in those coordinates) and the JPEG's size.
/// </summary>
public sealed record LivePicture(string CameraId, long Sequence, long TimestampMs, int FrameWidth, int FrameHeight,
    int Width, int Height, byte[] Jpeg);
