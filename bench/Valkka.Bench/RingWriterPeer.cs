using System.Diagnostics;
using System.Text.Json.Nodes;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// The writer of <see cref="StandaloneReaderTransport"/>: creates a camera ring, prints "READY path",
/// and on "go" commits warmup + frames frames back to back (a frame that finds every slot leased is
/// dropped, as a camera drops it, and the copy is tried again so exactly that many are committed);
/// prints RESULT with the CLOCK_MONOTONIC time of the first measured commit, then owns the ring until "exit".
/// </summary>
public static class RingWriterPeer
{
    public const string Role = "ring-writer";

    public static unsafe int Run(PeerArgs args)
    {
        int width = args.Int("width"), height = args.Int("height"), frames = args.Int("frames"), warmup = args.Int("warmup");
        using var source = new SourceFrames(width, height);
        using var ring = FrameRingWriter.Create(BenchNames.NewTopology(), CameraRings.RingName("cam"), args.Int("slots"), source.Length);
        var info = new FrameInfo(width, height, width * 3, PixelFormat.Rgb24, 0, source.Length);
        Console.WriteLine($"READY {ring.Path}");
        if (Console.ReadLine() != "go") return 2;
        long t0 = 0, dropped = 0;
        var cpu0 = TimeSpan.Zero;
        for (int n = 0; n < warmup + frames; n++)
        {
            if (n == warmup)
            {
                cpu0 = CpuClock.Process();
                t0 = Stopwatch.GetTimestamp();
            }
            SlotWriter slot;
            while (!ring.TryBeginWrite(out slot)) dropped++;
            Buffer.MemoryCopy(source[n], slot.Data, slot.Capacity, source.Length);
            ring.Commit(slot, info with { TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), StreamFrameIndex = n });
        }
        var cpu = CpuClock.Process() - cpu0;
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["written"] = frames, ["t0_ns"] = t0, ["sender_cpu_s"] = cpu.TotalSeconds, ["dropped"] = dropped,
        }.ToJsonString());
        while (Console.ReadLine() is { } line && line != "exit") { }
        return 0;
    }
}
