namespace Valkka.Shm;

/// <summary>
/// Metadata committed with a frame. StreamFrameIndex: the decoder's stream frame index of the frame
/// (the same for the same picture decoded on any host from the same packets), -1 when not known.
/// </summary>
public readonly record struct FrameInfo(int Width, int Height, int Stride, PixelFormat Format,
                                        long TimestampMs, int Length)
{
    public long StreamFrameIndex { get; init; } = -1;
}
