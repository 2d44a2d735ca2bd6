using Valkka.Shm;

namespace Valkka.Actors.Analysis;

/// <summary>
/// A read-only view of one frame in a ring. It is valid only during the call that received it:
/// the slot is released as soon as that call returns, so never keep the view or its span.
/// </summary>
public readonly unsafe struct FrameView
{
    private readonly byte* _pixels;

    public FrameView(string cameraId, long sequence, in FrameInfo info, byte* pixels)
    {
        CameraId = cameraId;
        Sequence = sequence;
        Info = info;
        _pixels = pixels;
    }

    public string CameraId { get; }
    public long Sequence { get; }
    public FrameInfo Info { get; }
    public int Width => Info.Width;
    public int Height => Info.Height;
    public int Stride => Info.Stride;
    public PixelFormat Format => Info.Format;
    public long TimestampMs => Info.TimestampMs;
    /// <summary>
    /// The decoder's stream frame index (-1: unknown): with CameraId it names the same picture on every
    /// host (a relay on another host decodes the same packets with the same indices), where Sequence is
    /// the ring's own numbering.
    /// </summary>
    public long StreamFrameIndex => Info.StreamFrameIndex;
    public ReadOnlySpan<byte> Pixels => new(_pixels, Info.Length);

    public ReadOnlySpan<byte> Row(int y)
    {
        if ((uint)y >= (uint)Info.Height)
            throw new ArgumentOutOfRangeException(nameof(y), y, $"row outside 0..{Info.Height - 1}");
        return new ReadOnlySpan<byte>(_pixels + (long)y * Info.Stride, Info.Stride);
    }
}
