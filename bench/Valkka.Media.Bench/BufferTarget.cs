using System.Runtime.InteropServices;
using Valkka.Media.Frames;

namespace Valkka.Media.Bench;

/// <summary>A frame target over one native buffer, as a ring slot would be: no copies, no allocation.</summary>
internal sealed unsafe class BufferTarget : IFrameTarget, IDisposable
{
    private byte* _buffer;
    private nuint _size;
    public long Frames;

    public bool TryBeginFrame(int width, int height, out byte* destination, out int stride)
    {
        stride = width * 3;
        var size = (nuint)(stride * height);
        if (size > _size)
        {
            NativeMemory.AlignedFree(_buffer);
            _buffer = (byte*)NativeMemory.AlignedAlloc(size, 4096);
            _size = size;
        }
        destination = _buffer;
        return true;
    }

    public void CommitFrame(long timestampMs) => Frames++;
    public void AbortFrame() { }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        _buffer = null;
    }
}
