namespace Valkka.Media.Frames;

/// <summary>Where decoded RGB24 frames go. Called on the decoder's thread.</summary>
public unsafe interface IFrameTarget
{
    /// <summary>
    /// Asks for a destination for the next frame of width x height RGB24 (stride bytes per row,
    /// at least width * 3; the destination must have stride * height writable bytes: libswscale
    /// may write into a row's padding up to the stride). Return false to drop this frame; the decoder then skips sws_scale.
    /// </summary>
    bool TryBeginFrame(int width, int height, out byte* destination, out int stride);

    /// <summary>The pixels are in the destination; timestampMs is the wall-clock capture time (Unix ms).</summary>
    void CommitFrame(long timestampMs);

    /// <summary>
    /// As <see cref="CommitFrame(long)"/>, with the frame's stream index: the ordinal of its packet
    /// among the video packets the decoder read since it opened the stream (decode order, from 0; a
    /// looped file keeps counting). The same packets from the same start give the same indices.
    /// </summary>
    void CommitFrame(long timestampMs, long streamFrameIndex) => CommitFrame(timestampMs);

    /// <summary>The frame begun by TryBeginFrame will not be committed (error mid-frame).</summary>
    void AbortFrame();
}
