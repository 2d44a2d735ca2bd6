using BenchmarkDotNet.Attributes;

namespace Valkka.Shm.Bench;

/// <summary>
/// The ring protocol alone, per frame: TryBeginWrite + Commit + TryLease + Release, no pixels.
/// Writer and reader in one thread, so this is the cost of the atomics and fences, not of sharing.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ProtocolCostBenchmark
{
    private const int FramesPerInvoke = 1000;
    private FrameRingWriter _writer = null!;
    private FrameRingReader _reader = null!;
    private readonly FrameInfo _info = new(640, 480, 1920, PixelFormat.Rgb24, 0, 4096);

    [GlobalSetup]
    public void Setup()
    {
        _writer = FrameRingWriter.Create("bench" + Environment.ProcessId, "protocol", 8, 4096);
        _reader = FrameRingReader.Attach(_writer.Path, _writer.RegisterReader());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _writer.Dispose();
    }

    [Benchmark(OperationsPerInvoke = FramesPerInvoke, Description = "commit + lease + release")]
    public long CommitLeaseRelease()
    {
        long sum = 0;
        for (int i = 0; i < FramesPerInvoke; i++)
        {
            _writer.TryBeginWrite(out var slot);
            long sequence = _writer.Commit(slot, _info);
            _reader.TryLease(slot.Slot, sequence, out var lease);
            sum += lease.Info.Length;
            _reader.Release(lease);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = FramesPerInvoke, Description = "commit only")]
    public long CommitOnly()
    {
        long sum = 0;
        for (int i = 0; i < FramesPerInvoke; i++)
        {
            _writer.TryBeginWrite(out var slot);
            sum += _writer.Commit(slot, _info);
        }
        return sum;
    }
}
