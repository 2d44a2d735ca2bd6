using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Valkka.Nodes.Bench;

/// <summary>
/// Transport variant (d), the physical limit: one thread copying the same frames into the slots of a
/// ring in one process, nothing else (no reader, no notification).
/// </summary>
public static unsafe class MemcpyBaseline
{
    public static TransportRun Run(SourceFrames source, int frames, int warmup, int slots)
    {
        var ring = (byte*)NativeMemory.AlignedAlloc((nuint)((long)source.Length * slots), 4096);
        try
        {
            new Span<byte>(ring, source.Length).Clear();
            for (int s = 0; s < slots; s++) NativeMemory.Clear(ring + (long)s * source.Length, (nuint)source.Length); // pre-fault
            for (int i = 0; i < warmup; i++) Copy(source, ring, slots, i);
            var cpu0 = CpuClock.Thread();
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < frames; i++) Copy(source, ring, slots, i);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            double cpu = (CpuClock.Thread() - cpu0).TotalSeconds;
            return new TransportRun(frames, seconds, cpu);
        }
        finally
        {
            NativeMemory.AlignedFree(ring);
        }
    }

    private static void Copy(SourceFrames source, byte* ring, int slots, int i) =>
        Buffer.MemoryCopy(source[i], ring + (long)(i % slots) * source.Length, source.Length, source.Length);
}
