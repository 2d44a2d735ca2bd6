namespace Valkka.Shm;

/// <summary>
/// Metadata committed with a frame. StreamFrameIndex: the decoder's stream frame index of the frame
/// (the same for the same picture decoded on any host from the same packets), -1 when not known.
/// CommitTicks: when the frame was committed to this host's ring, a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp (CLOCK_MONOTONIC ns, one clock for every process of the host); 0 when not known (a ring
/// written by an older writer). The writer sets it on commit; a value given to Commit is ignored.
/// </summary>
public readonly record struct FrameInfo(int Width, int Height, int Stride, PixelFormat Format,
                                        long TimestampMs, int Length)
{
    public long StreamFrameIndex { get; init; } = -1;
    public long CommitTicks { get; init; }
}
