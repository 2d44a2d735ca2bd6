using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Valkka.Shm.Bench;

/// <summary>
/// Writing one 1920x1080 RGB24 frame (6,220,800 bytes) into the ring (begin + copy + commit), against
/// a plain memcpy of the same bytes into an equally sized rotation of pre-touched native buffers.
/// </summary>
[Config(typeof(ShortRunConfig))]
public unsafe class WriteThroughputBenchmark
{
    private const int Width = 1920;
    private const int Height = 1080;
    private const int Length = Width * Height * 3;
    private const int Slots = 8;
    private FrameRingWriter _writer = null!;
    private byte* _source;
    private byte* _plain;
    private int _plainSlot;
    private readonly FrameInfo _info = new(Width, Height, Width * 3, PixelFormat.Rgb24, 0, Length);

    [GlobalSetup]
    public void Setup()
    {
        _writer = FrameRingWriter.Create("bench" + Environment.ProcessId, "write1080p", Slots, Length);
        _source = (byte*)NativeMemory.AlignedAlloc(Length, 4096);
        _plain = (byte*)NativeMemory.AlignedAlloc((nuint)Length * Slots, 4096);
        new Span<byte>(_source, Length).Fill(0x5A);
        for (int i = 0; i < Slots; i++)
        {
            new Span<byte>(_plain + (long)i * Length, Length).Clear(); // touch every page, like the ring's pre-fault
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        NativeMemory.AlignedFree(_source);
        NativeMemory.AlignedFree(_plain);
    }

    [Benchmark(Baseline = true, Description = "memcpy 1080p RGB (plain memory)")]
    public void PlainMemcpy()
    {
        byte* destination = _plain + (long)_plainSlot * Length;
        _plainSlot = _plainSlot + 1 == Slots ? 0 : _plainSlot + 1;
        Buffer.MemoryCopy(_source, destination, Length, Length);
    }

    [Benchmark(Description = "ring write 1080p RGB (begin + copy + commit)")]
    public long RingWrite()
    {
        _writer.TryBeginWrite(out var slot);
        Buffer.MemoryCopy(_source, slot.Data, slot.Capacity, Length);
        return _writer.Commit(slot, _info);
    }
}
