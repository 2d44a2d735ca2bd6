using System.Runtime.InteropServices;
using Valkka.Media.Frames;

namespace Valkka.Media.Tests.Support;

/// <summary>
/// A frame target over native memory with a chosen row padding; keeps a packed copy of the first
/// frames and counts all of them, for tests.
/// </summary>
internal sealed unsafe class CaptureTarget(int keepFrames = 0, int rowPadding = 0) : IFrameTarget, IDisposable
{
    private readonly object _gate = new();
    private byte* _buffer;
    private nuint _bufferSize;
    private int _width, _height, _stride;
    private bool _open;
    private const int Guard = 64;   // bytes after stride * height that nothing may touch

    public List<byte[]> Kept { get; } = new();
    public List<long> Timestamps { get; } = new();
    /// <summary>Monotonic clock (ms) at each commit.</summary>
    public List<long> CommitTicks { get; } = new();
    public List<(int W, int H)> Sizes { get; } = new();
    /// <summary>The stream frame index of each committed frame (-1 when committed without one).</summary>
    public List<long> Indices { get; } = new();
    private long _index = -1;
    public long Committed { get; private set; }
    public long Aborted { get; private set; }
    public bool Refuse { get; set; }
    public Action<CaptureTarget, byte[]>? OnFrame { get; set; }

    public bool TryBeginFrame(int width, int height, out byte* destination, out int stride)
    {
        if (Refuse) { destination = null; stride = 0; return false; }
        if (_open) throw new InvalidOperationException("TryBeginFrame twice without commit/abort");
        _stride = width * 3 + rowPadding;
        var size = (nuint)(_stride * height) + Guard;
        if (size > _bufferSize)
        {
            NativeMemory.Free(_buffer);
            _buffer = (byte*)NativeMemory.Alloc(size);
            _bufferSize = size;
        }
        NativeMemory.Fill(_buffer, size, 0xEE);
        (_width, _height, _open) = (width, height, true);
        destination = _buffer;
        stride = _stride;
        return true;
    }

    public void CommitFrame(long timestampMs, long streamFrameIndex)
    {
        _index = streamFrameIndex;
        CommitFrame(timestampMs);
    }

    public void CommitFrame(long timestampMs)
    {
        if (!_open) throw new InvalidOperationException("CommitFrame without TryBeginFrame");
        _open = false;
        var packed = new byte[_width * 3 * _height];
        for (var y = 0; y < _height; y++)
            new ReadOnlySpan<byte>(_buffer + y * _stride, _width * 3).CopyTo(packed.AsSpan(y * _width * 3));
        if (new ReadOnlySpan<byte>(_buffer + _stride * _height, Guard).IndexOfAnyExcept((byte)0xEE) >= 0)
            throw new InvalidOperationException($"bytes after stride * height ({_stride} * {_height}) were overwritten: {new ReadOnlySpan<byte>(_buffer + _stride * _height, Guard).LastIndexOfAnyExcept((byte)0xEE) + 1} bytes");
        lock (_gate)
        {
            if (Kept.Count < keepFrames) Kept.Add(packed);
            Timestamps.Add(timestampMs);
            CommitTicks.Add(Environment.TickCount64);
            Sizes.Add((_width, _height));
            Indices.Add(_index);
            Committed++;
        }
        _index = -1;
        OnFrame?.Invoke(this, packed);
    }

    public void AbortFrame()
    {
        _open = false;
        lock (_gate) Aborted++;
    }

    public long CommittedCount { get { lock (_gate) return Committed; } }
    public int KeptCount { get { lock (_gate) return Kept.Count; } }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
    }
}
