using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Valkka.Shm.Bench;

/// <summary>
/// A supplement to <see cref="WriteThroughputBenchmark"/> for noisy machines: ring writes and plain
/// memcpys of a 1080p RGB frame alternate one by one, so both see the same load; prints the median
/// and mean of each and the ring's throughput as a share of memcpy's.
/// </summary>
internal static unsafe class PairedWriteComparison
{
    private const int Length = 1920 * 1080 * 3;
    private const int Slots = 8;

    /// <summary>Mean of the sorted samples between the 10th and 90th percentile (drops preemptions).</summary>
    private static double TrimmedMean(double[] sorted) =>
        sorted.AsSpan(sorted.Length / 10, sorted.Length * 8 / 10).ToArray().Average();

    public static void Run(int rounds)
    {
        using var writer = FrameRingWriter.Create("bench" + Environment.ProcessId, "paired", Slots, Length);
        byte* source = (byte*)NativeMemory.AlignedAlloc(Length, 4096);
        byte* plain = (byte*)NativeMemory.AlignedAlloc((nuint)Length * Slots, 4096);
        try
        {
            new Span<byte>(source, Length).Fill(0x5A);
            new Span<byte>(plain, Length * Slots).Clear();
            var info = new FrameInfo(1920, 1080, 1920 * 3, PixelFormat.Rgb24, 0, Length);
            var ring = new double[rounds];
            var copy = new double[rounds];
            for (int i = -Slots * 4; i < rounds; i++) // the first rounds warm up
            {
                long t0 = Stopwatch.GetTimestamp();
                Buffer.MemoryCopy(source, plain + (long)(i & (Slots - 1)) * Length, Length, Length);
                long t1 = Stopwatch.GetTimestamp();
                writer.TryBeginWrite(out var slot);
                Buffer.MemoryCopy(source, slot.Data, slot.Capacity, Length);
                writer.Commit(slot, info);
                long t2 = Stopwatch.GetTimestamp();
                if (i >= 0)
                {
                    copy[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                    ring[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
                }
            }
            Array.Sort(ring);
            Array.Sort(copy);
            double ringMedian = ring[rounds / 2], copyMedian = copy[rounds / 2];
            Console.WriteLine($"paired 1080p RGB writes, {rounds} rounds");
            double ringTrimmed = TrimmedMean(ring), copyTrimmed = TrimmedMean(copy);
            Console.WriteLine($"memcpy:     median {copyMedian:F1} us, 10-90% mean {copyTrimmed:F1} us, mean {copy.Average():F1} us ({Length / copyMedian / 1000:F2} GB/s at the median)");
            Console.WriteLine($"ring write: median {ringMedian:F1} us, 10-90% mean {ringTrimmed:F1} us, mean {ring.Average():F1} us ({Length / ringMedian / 1000:F2} GB/s at the median)");
            Console.WriteLine($"ring throughput / memcpy throughput: {copyMedian / ringMedian:P1} by median, {copyTrimmed / ringTrimmed:P1} by 10-90% mean");
        }
        finally
        {
            NativeMemory.AlignedFree(source);
            NativeMemory.AlignedFree(plain);
        }
    }
}
