using Valkka.Media.Frames;

namespace Valkka.Media.Sources;

/// <summary>
/// One encoded video packet as read from the camera: its bytes, pts and dts in the stream's time
/// base, the key flag, its stream frame index (see <see cref="IFrameTarget.CommitFrame(long, long)"/>),
/// and AfterLoop for the first packet after a looped file started again.
/// </summary>
public sealed record StreamPacket(byte[] Data, long Pts, long Dts, bool Key, long StreamFrameIndex, bool AfterLoop);
