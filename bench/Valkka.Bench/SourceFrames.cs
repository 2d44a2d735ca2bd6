using System.Runtime.InteropServices;

namespace Valkka.Bench;

/// <summary>A few distinct pre-made RGB24 frames in native memory, copied into slots by the senders.</summary>
public sealed unsafe class SourceFrames : IDisposable
{
    private readonly byte*[] _frames;

    public SourceFrames(int width, int height, int count = 4)
    {
        Width = width;
        Height = height;
        Length = width * height * 3;
        _frames = new byte*[count];
        for (int k = 0; k < count; k++)
        {
            _frames[k] = (byte*)NativeMemory.AlignedAlloc((nuint)Length, 4096);
            var span = new Span<byte>(_frames[k], Length);
            for (int j = 0; j < span.Length; j++) span[j] = (byte)(j * 7 + k * 31);
        }
    }

    public int Width { get; }
    public int Height { get; }
    public int Length { get; }
    public int Count => _frames.Length;

    public byte* this[long frameNumber] => _frames[frameNumber % _frames.Length];

    public ReadOnlySpan<byte> Span(long frameNumber) => new(this[frameNumber], Length);

    public void Dispose()
    {
        for (int k = 0; k < _frames.Length; k++)
        {
            if (_frames[k] != null) NativeMemory.AlignedFree(_frames[k]);
            _frames[k] = null;
        }
    }
}
