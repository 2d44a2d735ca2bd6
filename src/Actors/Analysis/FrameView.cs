using Valkka.Shm;

namespace Valkka.Actors.Analysis;

/// <summary>
/// A read-only view of one frame in a ring. It is valid only during the call that received it: the
/// slot is released as soon as that call returns. It is a ref struct, so the compiler refuses code
/// that keeps it (in a field, a lambda, a task) past the call; copy what you need.
/// </summary>
public readonly ref struct FrameView
{
    private readonly ReadOnlySpan<byte> _pixels;

    /// <summary>A view of pixels (at least info.Length bytes), e.g. a synthetic frame in a unit test.</summary>
    public FrameView(string cameraId, long sequence, scoped in FrameInfo info, ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length < info.Length)
            throw new ArgumentException($"the frame needs {info.Length} bytes of pixels, got {pixels.Length}", nameof(pixels));
        CameraId = cameraId;
        Sequence = sequence;
        Info = info;
        _pixels = pixels[..info.Length];
    }

    public unsafe FrameView(string cameraId, long sequence, scoped in FrameInfo info, byte* pixels)
        : this(cameraId, sequence, info, new ReadOnlySpan<byte>(pixels, info.Length)) { }

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
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>
    /// The ring file the pixels lie in (null: not in a ring, e.g. a synthetic frame), for a process that
    /// maps the file itself (the Python worker); its mapping sees the same pixels under the same lease.
    /// </summary>
    public string? RingFile { get; init; }

    /// <summary>Where the pixels start in <see cref="RingFile"/>.</summary>
    public long RingOffset { get; init; }

    /// <summary>The reader whose mapping of <see cref="RingFile"/> holds the lease (which file that is: the Python worker).</summary>
    internal FrameRingReader? RingReader { get; init; }

    public ReadOnlySpan<byte> Row(int y)
    {
        if ((uint)y >= (uint)Info.Height)
            throw new ArgumentOutOfRangeException(nameof(y), y, $"row outside 0..{Info.Height - 1}");
        return _pixels.Slice(y * Info.Stride, Info.Stride);
    }
}
