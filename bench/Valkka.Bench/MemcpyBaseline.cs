using System.Diagnostics;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// Transport variant (d), the physical limit: one thread copying the same frames into the slots of a
/// real ring (Valkka.Shm, in /dev/shm) in one process: begin write, memcpy, commit; no reader, no
/// notification.
/// </summary>
public static unsafe class MemcpyBaseline
{
    public static TransportRun Run(SourceFrames source, int frames, int warmup, int slots)
    {
        using var ring = FrameRingWriter.Create(BenchNames.NewTopology(), "memcpy", slots, source.Length);
        var info = new FrameInfo(source.Width, source.Height, source.Width * 3, PixelFormat.Rgb24, 0, source.Length);
        for (int i = 0; i < warmup; i++) Copy(ring, source, i, info);
        var cpu0 = CpuClock.Thread();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < frames; i++) Copy(ring, source, i, info);
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        double cpu = (CpuClock.Thread() - cpu0).TotalSeconds;
        return new TransportRun(frames, seconds, cpu, 0, cpu);
    }

    /// <summary>What reading every byte costs alone: the checksum over the same frames, one thread.</summary>
    public static TransportRun ChecksumOnly(SourceFrames source, int frames)
    {
        ulong sum = 0;
        for (int i = 0; i < Math.Min(frames, 8); i++) sum += FrameChecksum.Of(source.Span(i));
        var cpu0 = CpuClock.Thread();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < frames; i++) sum += FrameChecksum.Of(source.Span(i));
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        return new TransportRun(frames, seconds, (CpuClock.Thread() - cpu0).TotalSeconds, sum, 0);
    }

    private static void Copy(FrameRingWriter ring, SourceFrames source, int i, in FrameInfo info)
    {
        if (!ring.TryBeginWrite(out var slot)) throw new InvalidOperationException("memcpy ring: no free slot without readers");
        Buffer.MemoryCopy(source[i], slot.Data, slot.Capacity, source.Length);
        ring.Commit(slot, info);
    }
}
