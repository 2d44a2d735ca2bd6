using Valkka.Shm;

namespace Valkka.Actors.Analysis;

/// <summary>
/// One frame of a <see cref="FrameBatch"/>: where its pixels are. It gives no access to them itself;
/// only the batch's indexer makes a <see cref="FrameView"/>, valid during the analyzer's call.
/// </summary>
public readonly unsafe struct BatchFrame
{
    private readonly byte* _pixels;
    private readonly byte[]? _array;

    /// <summary>A frame in memory the caller keeps alive and unchanged during the call (a leased ring slot).</summary>
    public BatchFrame(string cameraId, long sequence, in FrameInfo info, byte* pixels)
    {
        CameraId = cameraId;
        Sequence = sequence;
        Info = info;
        _pixels = pixels;
    }

    /// <summary>A frame in an array, e.g. a synthetic frame in a unit test.</summary>
    public BatchFrame(string cameraId, long sequence, in FrameInfo info, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CameraId = cameraId;
        Sequence = sequence;
        Info = info;
        _array = pixels;
    }

    public string CameraId { get; }
    public long Sequence { get; }
    public FrameInfo Info { get; }

    /// <summary>The ring file the pixels lie in (null: not in a ring); see <see cref="FrameView.RingFile"/>.</summary>
    public string? RingFile { get; init; }

    /// <summary>Where the pixels start in <see cref="RingFile"/>.</summary>
    public long RingOffset { get; init; }

    /// <summary>See <see cref="FrameView.RingReader"/>.</summary>
    internal FrameRingReader? RingReader { get; init; }

    internal FrameView View() => _array is not null
        ? new FrameView(CameraId, Sequence, Info, _array)
        : new FrameView(CameraId, Sequence, Info, _pixels) { RingFile = RingFile, RingOffset = RingOffset, RingReader = RingReader };
}
